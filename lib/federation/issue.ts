import "server-only";
import { z } from "zod";
import { consoleDestinationRule, isConsoleDestination } from "@/lib/aws/console-destination";
import { buildConsoleUrl } from "@/lib/aws/partitions";
import type { TemporaryCredentials } from "@/lib/aws/credential-formats";
import { buildLoginUrl, buildLogoutThenLoginUrl, getSigninToken } from "@/lib/aws/federation";
import { assumeRoleWithSaml } from "@/lib/aws/sts";
import { translateStsError } from "@/lib/aws/sts-errors";
import { recordAuditEvent } from "@/lib/audit/record";
import type { SessionUser } from "@/lib/auth/session-user";
import type { Db } from "@/lib/db/client";
import { assertEntitled, type Entitlement } from "@/lib/entitlements/assert-entitled";
import { getEnv } from "@/lib/env";
import { AppError, isAppError } from "@/lib/errors";
import { resolveAwsEndpoints, type AwsEndpoints } from "@/lib/federation/aws-endpoints";
import { clampDuration } from "@/lib/federation/duration";
import { mintAssertion } from "@/lib/federation/mint-assertion";
import { buildIdpEntityId } from "@/lib/saml/idp-metadata";
import { getSigningMaterial } from "@/lib/saml/signing-key";

/**
 * The one place that issues AWS access, in this order: re-check the entitlement → clamp the
 * duration → mint the assertion → call STS → record the audit event. The credentials API, the
 * console route and /go all come through here.
 */

export type IssueRequest = {
  user: SessionUser;
  accountId: string;
  roleName: string;
  durationSeconds?: number;
  client?: { ip?: string; userAgent?: string };
  /** Set when a terminal (the `airlock` CLI, by bearer token) asks: recorded in every audit row. */
  via?: IssueVia;
};

export type IssueVia = { via: "terminal"; session: string };

export type IssuedCredentials = TemporaryCredentials & {
  accountId: string;
  accountName: string;
  roleName: string;
  roleArn: string;
  assumedRoleArn: string;
  durationSeconds: number;
  region: string;
  stsMs: number;
};

export const consoleOptionsSchema = z.object({
  region: z
    .string()
    .regex(/^[a-z]{2}(-gov|-iso[a-z]?)?-[a-z]+-\d{1,2}$/, "region: not an AWS region name, such as eu-west-1.")
    .optional(),
  destination: z.string().refine(isConsoleDestination, consoleDestinationRule).optional(),
});
export type ConsoleOptions = z.infer<typeof consoleOptionsSchema>;

async function assumeEntitledRole({
  db,
  request,
  action,
}: {
  db: Db;
  request: IssueRequest;
  action: string;
}): Promise<{ issued: IssuedCredentials; entitlement: Entitlement; endpoints: AwsEndpoints }> {
  const env = getEnv();
  const { user, accountId, roleName, client, via } = request;
  const audit = {
    action,
    userId: user.id,
    actor: user.email,
    accountId,
    roleName,
    clientIp: client?.ip,
    userAgent: client?.userAgent,
  };

  let entitlement: Entitlement;
  try {
    entitlement = await assertEntitled({ db, groups: user.groups, accountId, roleName });
  } catch (error) {
    if (isAppError(error) && error.code === "forbidden")
      await recordAuditEvent({
        db,
        event: { ...audit, outcome: "denied", reason: "not_entitled", ...(via ? { details: via } : {}) },
      });
    throw error;
  }
  const durationSeconds = clampDuration({
    requested: request.durationSeconds,
    allowed: entitlement.allowedSessionDuration,
  });
  const endpoints = resolveAwsEndpoints(env, entitlement.partition);
  const minted = mintAssertion({
    user,
    entitlement,
    durationSeconds,
    issuer: buildIdpEntityId(env.AIRLOCK_URL),
    recipient: endpoints.samlEndpoint,
    audience: endpoints.audience,
    defaultProviderName: env.AIRLOCK_SAML_PROVIDER_NAME,
    signing: getSigningMaterial(),
  });
  const details = { roleArn: minted.roleArn, durationSeconds, region: endpoints.region, ...via };

  let assumed;
  try {
    assumed = await assumeRoleWithSaml({
      region: endpoints.region,
      endpoint: endpoints.isDefaultSts ? undefined : endpoints.stsEndpoint,
      roleArn: minted.roleArn,
      principalArn: minted.providerArn,
      samlResponseBase64: minted.samlResponseBase64,
      durationSeconds,
    });
  } catch (error) {
    const translated = translateStsError(error, {
      ...minted,
      accountId,
      samlEndpoint: endpoints.samlEndpoint,
      stsEndpoint: endpoints.stsEndpoint,
      durationSeconds,
    });
    await recordAuditEvent({
      db,
      event: {
        ...audit,
        outcome: "failure",
        reason: String(translated.details?.awsErrorCode ?? "sts_error"),
        details: { ...details, message: translated.message },
      },
    });
    throw translated;
  }
  await recordAuditEvent({
    db,
    event: {
      ...audit,
      outcome: "success",
      accessKeyId: assumed.accessKeyId,
      // Expiry and SourceIdentity as AWS returned them: what an admin's "revoke access" needs to
      // find and deny this person's live credentials.
      details: {
        ...details,
        assumedRoleArn: assumed.assumedRoleArn,
        expiration: assumed.expiration.toISOString(),
        sourceIdentity: assumed.sourceIdentity,
      },
    },
  });
  const issued: IssuedCredentials = {
    ...assumed,
    accountId,
    accountName: entitlement.accountName,
    roleName,
    roleArn: minted.roleArn,
    durationSeconds,
    region: endpoints.region,
  };
  return { issued, entitlement, endpoints };
}

/** Temporary credentials for the CLI. */
export async function issueCredentials({ db, request }: { db: Db; request: IssueRequest }): Promise<IssuedCredentials> {
  return (await assumeEntitledRole({ db, request, action: "credentials.issue" })).issued;
}

/**
 * The URL that signs the browser into the AWS console: through the sign-out endpoint first, so
 * an existing console session does not block it. A bearer secret: redirect to it, never log it.
 */
export async function createConsoleSignInUrl({
  db,
  request,
  options,
}: {
  db: Db;
  request: IssueRequest;
  options: ConsoleOptions;
}): Promise<string> {
  const parsed = consoleOptionsSchema.safeParse(options);
  if (!parsed.success) throw new AppError("invalid_input", parsed.error.issues.map((i) => i.message).join(" "));
  const { issued, entitlement, endpoints } = await assumeEntitledRole({ db, request, action: "console.signin" });
  const signinToken = await getSigninToken({
    federationEndpoint: endpoints.federationEndpoint,
    credentials: issued,
    sessionDurationSeconds: issued.durationSeconds,
  });
  const loginUrl = buildLoginUrl({
    federationEndpoint: endpoints.federationEndpoint,
    issuer: getEnv().AIRLOCK_URL,
    destination: buildConsoleUrl({
      partition: entitlement.partition,
      region: parsed.data.region,
      destination: parsed.data.destination,
    }),
    signinToken,
  });
  return buildLogoutThenLoginUrl({ loginUrl, logoutEndpoint: endpoints.logoutEndpoint });
}
