import "server-only";
import { buildRoleArn } from "@/lib/aws/arn";
import { buildConsoleUrl } from "@/lib/aws/partitions";
import { buildLoginUrl, buildLogoutThenLoginUrl, getSigninToken } from "@/lib/aws/federation";
import { assumeRoleWithSaml, type AssumedRole } from "@/lib/aws/sts";
import { translateStsError } from "@/lib/aws/sts-errors";
import { auditedRefusal } from "@/lib/audit/audited-refusal";
import { completeIssuanceAttempt, recordIssuanceAttempt, type IssuanceAttempt } from "@/lib/audit/issuance-attempt";
import type { Db } from "@/lib/db/client";
import { assertEntitled } from "@/lib/entitlements/assert-entitled";
import { sessionAccess } from "@/lib/entitlements/read-only-first";
import { assertReasonGiven } from "@/lib/entitlements/reason";
import { assertRecentAuthentication } from "@/lib/entitlements/step-up";
import { getEnv } from "@/lib/env";
import { resolveAwsEndpoints, type AwsEndpoints } from "@/lib/federation/aws-endpoints";
import { chooseClientRegion } from "@/lib/federation/client-region";
import { toCredentialsResponse, type CredentialsResponse } from "@/lib/federation/credentials-response";
import { clampDuration } from "@/lib/federation/duration";
import { mintAssertion, type MintedAssertion } from "@/lib/federation/mint-assertion";
import { viaOf, type IssueClient, type Requester } from "@/lib/federation/requester";
import { parseIssuanceInput, type IssuanceAction, type IssuanceInput } from "@/lib/http/issuance-input";
import { consumeRateLimit } from "@/lib/rate-limit";
import { buildIdpEntityId } from "@/lib/saml/idp-metadata";
import { getSigningMaterial } from "@/lib/saml/signing-key";

/**
 * The one place that issues AWS access. The credentials API, the console route and /go all come
 * through here, and every step happens in this order, in `issue` below:
 *
 *   guard (the request's fields) → entitlement → guardrails (a reason, step-up) → rate limit →
 *   audit attempt (with the session's access) → mint → STS → complete audit → response
 *
 * Refusals before the audit attempt are audited as such; from the attempt on, its row is on record
 * before AWS is asked, and STS is never called when it cannot be written.
 */

export type IssueArgs = { db: Db; user: Requester; input: unknown; client?: IssueClient };

type AuditEvent = Parameters<typeof recordIssuanceAttempt>[0]["event"];

async function issue<A extends IssuanceAction>({ db, user, input, client, action }: IssueArgs & { action: A }) {
  const env = getEnv();
  const via = viaOf(user);
  const who: AuditEvent = {
    action,
    userId: user.id,
    actor: user.email,
    clientIp: client?.ip,
    userAgent: client?.userAgent,
  };
  const viaDetails = via ? { details: { ...via } } : {};
  const refusing = refusalAuditor(db);

  // 1. Guard: the fields as the HTTP edge defines them.
  const request: IssuanceInput<A> = await refusing({ ...who, ...viaDetails }, "invalid_input", () =>
    parseIssuanceInput(action, input),
  );
  const { accountId, roleName } = request;
  // Every refusal from here on also records the access asked for (a refused write request included).
  const event = {
    ...who,
    accountId,
    roleName,
    ...((via || request.access) && { details: { ...via, ...(request.access && { access: request.access }) } }),
  };

  // 2. Entitlement, re-checked against the database.
  const entitlement = await refusing(event, "not_entitled", () =>
    assertEntitled({ db, groups: user.groups, userId: user.id, accountId, roleName }),
  );

  // 2b. The role's guardrails: a reason when it requires one (before anything is counted or asked).
  // A grant's sessions carry the reason its request gave, unless the person gives another.
  const reason = request.reason ?? entitlement.grant?.reason;
  await refusing(event, "reason_required", () => assertReasonGiven({ entitlement, reason }));
  // 2c. Step-up: an authentication at the IdP recent enough for the role, else through the IdP again.
  await refusing(event, "step_up_required", () =>
    assertRecentAuthentication({
      entitlement,
      idp: user.idp ?? "",
      idpAuthenticatedAt: user.idpAuthenticatedAt,
      terminal: user.sessionKind === "terminal",
      airlockUrl: env.AIRLOCK_URL,
      now: new Date(),
    }),
  );

  // 3. Rate limit, per person, counted across instances.
  await refusing(event, "rate_limited", () =>
    consumeRateLimit({ db, key: `issue:${user.id}`, limit: env.AIRLOCK_ISSUANCE_RATE_LIMIT, windowSeconds: 60 }),
  );

  // 4. Audit the attempt: no row, no STS call. First what it asks for: the duration, and the region
  // the person's AWS clients will use (refused here if it is not of the account's partition).
  const durationSeconds = clampDuration({
    requested: "durationSeconds" in request ? request.durationSeconds : undefined,
    allowed: entitlement.allowedSessionDuration,
    fallback: entitlement.defaultSessionDuration,
  });
  const { partition } = entitlement.account;
  const endpoints = resolveAwsEndpoints(env, partition);
  const region = await refusing(event, "invalid_input", () =>
    chooseClientRegion({
      requested: request.region,
      preferred: user.preferredRegion,
      partition,
      fallback: endpoints.region,
    }),
  );
  const roleArn = buildRoleArn({ partition, accountId, path: entitlement.rolePath, name: roleName });
  // The read-only-first guardrail: a session policy unless write is asked for, audited either way.
  const access = sessionAccess({ entitlement, access: request.access, policyName: env.AIRLOCK_READ_ONLY_POLICY });
  const attempt = await recordIssuanceAttempt({
    db,
    event: {
      ...event,
      details: {
        roleArn,
        durationSeconds,
        region: endpoints.region,
        ...via,
        ...(reason && { reason }),
        ...(entitlement.grant && { grant: entitlement.grant.requestId }),
        ...(access.audited && { access: access.audited }),
        ...(access.policyArns.length && { sessionPolicyArns: access.policyArns }),
      },
    },
  });

  // 5. Mint and sign the assertion (pure: it writes nothing).
  const minted = mintAssertion({
    user,
    entitlement,
    durationSeconds,
    reason,
    issuer: buildIdpEntityId(env.AIRLOCK_URL),
    recipient: endpoints.samlEndpoint,
    audience: endpoints.audience,
    defaultProviderName: env.AIRLOCK_SAML_PROVIDER_NAME,
    signing: getSigningMaterial(),
  });

  // 6. STS, and 7. complete the audit with what it answered.
  const { policyArns } = access;
  const assumed = await assumeAndComplete({ db, attempt, minted, endpoints, accountId, durationSeconds, policyArns });
  const issued = {
    ...assumed,
    accountId,
    accountName: entitlement.account.name,
    roleName,
    durationSeconds,
    region,
    ...(policyArns.length && { sessionPolicyArns: policyArns }),
  };
  return { request, issued: { ...issued, roleArn }, entitlement, endpoints };
}

const refusals = {
  invalid_input: { code: "invalid_input", outcome: "failure" },
  not_entitled: { code: "forbidden", outcome: "denied" },
  rate_limited: { code: "rate_limited", outcome: "denied" },
  reason_required: { code: "reason_required", outcome: "denied" },
  step_up_required: { code: "step_up_required", outcome: "denied" },
} as const;

/** Runs a check of steps 1-4; the refusal it may answer with is audited under `reason`. */
function refusalAuditor(db: Db) {
  return <T>(event: AuditEvent, reason: keyof typeof refusals, check: () => T | Promise<T>) =>
    auditedRefusal({ db, event, ...refusals[reason], reason, check });
}

/** Steps 6 and 7: STS, then the attempt completed with its answer (the credentials' key, or the refusal). */
async function assumeAndComplete({
  db,
  attempt,
  minted,
  endpoints,
  accountId,
  durationSeconds,
  policyArns,
}: {
  db: Db;
  attempt: IssuanceAttempt;
  minted: MintedAssertion;
  endpoints: AwsEndpoints;
  accountId: string;
  durationSeconds: number;
  policyArns: string[];
}): Promise<AssumedRole> {
  let assumed: AssumedRole;
  try {
    assumed = await assumeRoleWithSaml({
      region: endpoints.region,
      endpoint: endpoints.isDefaultSts ? undefined : endpoints.stsEndpoint,
      roleArn: minted.roleArn,
      principalArn: minted.providerArn,
      samlResponseBase64: minted.samlResponseBase64,
      durationSeconds,
      policyArns,
    });
  } catch (error) {
    const translated = translateStsError(error, {
      ...minted,
      accountId,
      samlEndpoint: endpoints.samlEndpoint,
      stsEndpoint: endpoints.stsEndpoint,
      durationSeconds,
      policyArns,
    });
    const reason = String(translated.details?.awsErrorCode ?? "sts_error");
    await completeIssuanceAttempt({
      db,
      attempt,
      completion: { outcome: "failure", reason, details: { message: translated.message } },
    });
    throw translated;
  }
  // Expiry and SourceIdentity as AWS returned them: what an admin's "revoke access" needs to find
  // and deny this person's live credentials.
  await completeIssuanceAttempt({
    db,
    attempt,
    completion: {
      outcome: "success",
      accessKeyId: assumed.accessKeyId,
      details: {
        assumedRoleArn: assumed.assumedRoleArn,
        expiration: assumed.expiration.toISOString(),
        sourceIdentity: assumed.sourceIdentity,
      },
    },
  });
  return assumed;
}

/** Temporary credentials for the CLI and the portal's credentials dialog, in every format. */
export async function issueCredentials(args: IssueArgs): Promise<CredentialsResponse> {
  const { issued } = await issue({ ...args, action: "credentials.issue" });
  // 8. Response.
  return toCredentialsResponse(issued);
}

export type ConsoleSignIn = {
  /** A bearer secret: redirect to it, never log it. */
  url: string;
  /** The console region and page the person chose (the portal remembers them). */
  region?: string;
  destination?: string;
};

/**
 * The URL that signs the browser into the AWS console: through the sign-out endpoint first, so
 * an existing console session does not block it.
 */
export async function createConsoleSignIn(args: IssueArgs): Promise<ConsoleSignIn> {
  const { request, issued, entitlement, endpoints } = await issue({ ...args, action: "console.signin" });
  // 8. Response: the federation endpoint turns the credentials into a sign-in token.
  const signinToken = await getSigninToken({
    federationEndpoint: endpoints.federationEndpoint,
    credentials: issued,
    sessionDurationSeconds: issued.durationSeconds,
  });
  const loginUrl = buildLoginUrl({
    federationEndpoint: endpoints.federationEndpoint,
    issuer: getEnv().AIRLOCK_URL,
    destination: buildConsoleUrl({
      partition: entitlement.account.partition,
      region: request.region,
      destination: request.destination,
    }),
    signinToken,
  });
  const url = buildLogoutThenLoginUrl({ loginUrl, logoutEndpoint: endpoints.logoutEndpoint });
  return { url, region: request.region, destination: request.destination };
}
