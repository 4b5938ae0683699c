import { AppError } from "@/lib/errors";

/**
 * Turns an STS failure into a message an employee or admin can act on. Pure: the error and the
 * facts of the request go in, an AppError comes out.
 */

export type StsRequestFacts = {
  accountId: string;
  roleArn: string;
  providerArn: string;
  samlEndpoint: string;
  stsEndpoint: string;
  durationSeconds: number;
  sendsTags: boolean;
  sendsSourceIdentity: boolean;
  /** Session policies sent with the request (a read-only-first role's), if any. */
  policyArns?: readonly string[];
};

/** The SAML provider a trust policy names: its ARN, or a CloudFormation reference to it. */
export type TrustPrincipal = string | { Ref: string };

/** The trust-policy statement the role needs for Airlock's assertions (also used by the setup templates). */
export function buildTrustStatement(facts: {
  providerArn: TrustPrincipal;
  samlEndpoint: string;
  sendsTags: boolean;
  sendsSourceIdentity: boolean;
}): Record<string, unknown> {
  const actions = ["sts:AssumeRoleWithSAML"];
  if (facts.sendsTags) actions.push("sts:TagSession");
  if (facts.sendsSourceIdentity) actions.push("sts:SetSourceIdentity");
  return {
    Effect: "Allow",
    Principal: { Federated: facts.providerArn },
    Action: actions,
    Condition: { StringEquals: { "SAML:aud": facts.samlEndpoint } },
  };
}

type ErrorLike = {
  name?: string;
  Code?: string;
  code?: string;
  message?: string;
  $metadata?: { httpStatusCode?: number };
};

/** AWS's error code without the SDK's "Exception" suffix (InvalidIdentityTokenException → InvalidIdentityToken). */
function codeOf(error: ErrorLike): string {
  const raw = error.name && error.name !== "Error" ? error.name : (error.Code ?? error.code ?? "Unknown");
  return raw.replace(/Exception$/, "");
}

const networkCodes =
  /ECONNREFUSED|ENOTFOUND|ECONNRESET|ETIMEDOUT|EAI_AGAIN|TimeoutError|AbortError|EHOSTUNREACH|socket hang up/i;

export function translateStsError(error: unknown, facts: StsRequestFacts): AppError {
  const e = (error ?? {}) as ErrorLike;
  const code = codeOf(e);
  const message = e.message ?? "";
  const details = { awsErrorCode: code };

  if (code === "AccessDenied") {
    const statement = JSON.stringify(buildTrustStatement(facts));
    return new AppError(
      "upstream",
      `AWS refused to let Airlock assume ${facts.roleArn}: the role does not exist, or its trust policy does not trust Airlock's SAML provider. An administrator of account ${facts.accountId} must make sure the role exists and add this statement to its trust policy: ${statement}`,
      details,
    );
  }
  if (code === "InvalidIdentityToken" && /provider/i.test(message) && /exist|not found/i.test(message)) {
    return new AppError(
      "upstream",
      `Account ${facts.accountId} has no IAM SAML provider ${facts.providerArn}. An administrator of that account must create it from Airlock's IdP metadata (/api/saml/idp/metadata).`,
      details,
    );
  }
  if (
    code === "ExpiredToken" ||
    code === "ExpiredTokenException" ||
    /expired|not yet valid|NotBefore|NotOnOrAfter/i.test(message)
  ) {
    return new AppError(
      "upstream",
      "AWS rejected the sign-in assertion as expired or not yet valid. Airlock's clock and AWS's disagree: the Airlock server's clock must be synchronised (NTP). Try again once it is.",
      details,
    );
  }
  // Before the assertion branches: STS may word a refused session policy as an invalid parameter.
  if (
    facts.policyArns?.length &&
    (code === "MalformedPolicyDocument" || facts.policyArns.some((arn) => message.includes(arn)))
  ) {
    return new AppError(
      "upstream",
      `AWS refused the read-only session policy ${facts.policyArns.join(", ")} (${message || code}). An Airlock administrator must set AIRLOCK_READ_ONLY_POLICY to an AWS managed policy that exists in this partition, such as ReadOnlyAccess.`,
      details,
    );
  }
  if (code === "PackedPolicyTooLarge") {
    return new AppError(
      "upstream",
      `AWS says this session's tags and policies are too large together (${message || code}). Shorten the reason if you gave a long one; if it keeps failing, tell your Airlock administrators.`,
      details,
    );
  }
  if (code === "InvalidIdentityToken" || code === "IDPRejectedClaim" || code === "InvalidParameterValue") {
    return new AppError(
      "upstream",
      `AWS rejected Airlock's sign-in assertion (${message || code}). The IAM SAML provider ${facts.providerArn} may hold outdated metadata: an administrator of account ${facts.accountId} should upload Airlock's current IdP metadata (/api/saml/idp/metadata).`,
      details,
    );
  }
  if (code === "ValidationError" && /DurationSeconds|MaxSessionDuration/i.test(message)) {
    return new AppError(
      "upstream",
      `AWS says ${facts.roleArn} allows shorter sessions than ${facts.durationSeconds} seconds. Ask an Airlock administrator to set the role's maximum session duration to match its MaxSessionDuration in IAM, or choose a shorter duration.`,
      details,
    );
  }
  if (
    code === "Throttling" ||
    code === "ThrottlingException" ||
    code === "TooManyRequestsException" ||
    e.$metadata?.httpStatusCode === 429
  ) {
    return new AppError(
      "upstream",
      "AWS is throttling sign-in requests right now. Wait a few seconds and try again.",
      details,
    );
  }
  if (code === "RegionDisabled") {
    return new AppError(
      "upstream",
      `STS is not activated in this region for account ${facts.accountId}. An administrator must activate it, or Airlock must use another region (AIRLOCK_AWS_REGION).`,
      details,
    );
  }
  if (networkCodes.test(code) || networkCodes.test(message) || (e as { cause?: { code?: string } }).cause?.code) {
    return new AppError(
      "upstream",
      `Airlock could not reach AWS STS at ${facts.stsEndpoint}. Try again in a moment; if it keeps failing, Airlock's administrators should check its network access and AIRLOCK_STS_ENDPOINT.`,
      details,
    );
  }
  return new AppError(
    "upstream",
    `AWS STS refused the request (${code}${message ? `: ${message}` : ""}). Try again; if it keeps failing, tell your Airlock administrators.`,
    details,
  );
}
