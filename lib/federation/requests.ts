import "server-only";
import { z } from "zod";
import {
  buildProfileName,
  credentialFormats,
  formatCredentials,
  type CredentialFormat,
} from "@/lib/aws/credential-formats";
import { recordAuditEvent } from "@/lib/audit/record";
import type { PortalUser } from "@/lib/auth/session";
import type { Db } from "@/lib/db/client";
import { assertEntitled } from "@/lib/entitlements/assert-entitled";
import { accountIdSchema, roleNameSchema } from "@/lib/entitlements/schemas";
import { AppError, isAppError } from "@/lib/errors";
import {
  consoleOptionsSchema,
  createConsoleSignInUrl,
  issueCredentials,
  type IssuedCredentials,
  type IssueVia,
} from "@/lib/federation/issue";
import { getEnv } from "@/lib/env";
import { rememberRegion } from "@/lib/portal/home-data";
import { consumeRateLimit } from "@/lib/rate-limit";

/**
 * The edge of issuance for HTTP callers: validate the request, rate-limit per user, then hand over
 * to lib/federation/issue.ts. Attempts refused here are audited too, so every attempt is on record.
 */

export const credentialsRequestSchema = z.object({
  accountId: accountIdSchema,
  roleName: roleNameSchema,
  durationSeconds: z.number().int().min(1).max(43_200).optional(),
});

export const consoleRequestSchema = consoleOptionsSchema.extend({
  accountId: accountIdSchema,
  roleName: roleNameSchema,
});

type Client = { ip?: string; userAgent?: string };

/** Whether a terminal asks (by bearer token): its issuances say so in the audit log. */
export function viaOf(user: PortalUser): IssueVia | undefined {
  return user.sessionKind === "terminal" ? { via: "terminal", session: user.sessionId.slice(0, 12) } : undefined;
}

function describeIssues(error: z.ZodError): string {
  return error.issues.map((i) => `${i.path.join(".") || "request"}: ${i.message}`).join(" ");
}

async function guard<S extends z.ZodType>({
  db,
  user,
  schema,
  input,
  action,
  client,
}: {
  db: Db;
  user: PortalUser;
  schema: S;
  input: unknown;
  action: string;
  client: Client;
}): Promise<z.output<S>> {
  const base = { action, userId: user.id, actor: user.email, clientIp: client.ip, userAgent: client.userAgent };
  const via = viaOf(user);
  const parsed = schema.safeParse(input);
  if (!parsed.success) {
    const message = describeIssues(parsed.error);
    await recordAuditEvent({
      db,
      event: { ...base, outcome: "failure", reason: "invalid_input", details: { message, ...via } },
    });
    throw new AppError("invalid_input", message);
  }
  const target = parsed.data as { accountId?: string; roleName?: string };
  try {
    await consumeRateLimit({
      db,
      key: `issue:${user.id}`,
      limit: getEnv().AIRLOCK_ISSUANCE_RATE_LIMIT,
      windowSeconds: 60,
    });
  } catch (error) {
    if (isAppError(error))
      await recordAuditEvent({
        db,
        event: {
          ...base,
          accountId: target.accountId,
          roleName: target.roleName,
          outcome: "denied",
          reason: "rate_limited",
          ...(via ? { details: via } : {}),
        },
      });
    throw error;
  }
  return parsed.data;
}

export type CredentialsResponse = {
  accessKeyId: string;
  secretAccessKey: string;
  sessionToken: string;
  expiration: string;
  durationSeconds: number;
  region: string;
  accountId: string;
  accountName: string;
  roleName: string;
  assumedRoleArn: string;
  profileName: string;
  formats: Partial<Record<CredentialFormat, string>>;
  stsMs: number;
};

export function toCredentialsResponse(issued: IssuedCredentials): CredentialsResponse {
  const profileName = buildProfileName({ accountName: issued.accountName, roleName: issued.roleName });
  const formats: Partial<Record<CredentialFormat, string>> = {};
  for (const { id } of credentialFormats) {
    try {
      formats[id] = formatCredentials(id, issued, {
        profileName,
        region: id === "profile" ? issued.region : undefined,
      });
    } catch {
      // A value this format cannot hold safely: leave the format out rather than print it wrong.
    }
  }
  return {
    accessKeyId: issued.accessKeyId,
    secretAccessKey: issued.secretAccessKey,
    sessionToken: issued.sessionToken,
    expiration: issued.expiration.toISOString(),
    durationSeconds: issued.durationSeconds,
    region: issued.region,
    accountId: issued.accountId,
    accountName: issued.accountName,
    roleName: issued.roleName,
    assumedRoleArn: issued.assumedRoleArn,
    profileName,
    formats,
    stsMs: issued.stsMs,
  };
}

export async function requestCredentials({
  db,
  user,
  input,
  client,
}: {
  db: Db;
  user: PortalUser;
  input: unknown;
  client: Client;
}): Promise<CredentialsResponse> {
  const request = await guard({
    db,
    user,
    schema: credentialsRequestSchema,
    input,
    action: "credentials.issue",
    client,
  });
  return toCredentialsResponse(await issueCredentials({ db, request: { user, ...request, client, via: viaOf(user) } }));
}

export async function requestConsoleUrl({
  db,
  user,
  input,
  client,
}: {
  db: Db;
  user: PortalUser;
  input: unknown;
  client: Client;
}): Promise<string> {
  const { accountId, roleName, region, destination } = await guard({
    db,
    user,
    schema: consoleRequestSchema,
    input,
    action: "console.signin",
    client,
  });
  const url = await createConsoleSignInUrl({
    db,
    request: { user, accountId, roleName, client, via: viaOf(user) },
    options: { region, destination },
  });
  if (region) await rememberRegion({ db, userId: user.id, region });
  return url;
}

export type ConsolePreview = z.output<typeof consoleRequestSchema> & { accountName: string; environment: string };

/**
 * What a deep link asks for, checked (input, entitlement) without issuing anything: the
 * confirmation page shows it, and only its same-origin POST goes on to requestConsoleUrl.
 */
export async function previewConsoleRequest({
  db,
  user,
  input,
}: {
  db: Db;
  user: PortalUser;
  input: unknown;
}): Promise<ConsolePreview> {
  const parsed = consoleRequestSchema.safeParse(input);
  if (!parsed.success) throw new AppError("invalid_input", describeIssues(parsed.error));
  const { accountId, roleName } = parsed.data;
  const { accountName, environment } = await assertEntitled({ db, groups: user.groups, accountId, roleName });
  return { ...parsed.data, accountName, environment };
}
