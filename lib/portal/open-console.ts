import "server-only";
import type { PortalUser } from "@/lib/auth/session";
import type { Db } from "@/lib/db/client";
import { assertEntitled } from "@/lib/entitlements/assert-entitled";
import { assertRecentAuthentication } from "@/lib/entitlements/step-up";
import { getEnv } from "@/lib/env";
import { createConsoleSignIn } from "@/lib/federation/issue";
import type { IssueClient } from "@/lib/federation/requester";
import { parseIssuanceInput, type ConsoleInput } from "@/lib/http/issuance-input";
import { rememberConsoleChoice } from "@/lib/portal/home-data";

/**
 * Opens the AWS console for a person (GET /api/console, /go and its confirmation), then remembers
 * the region and page they chose: the portal's preference, written here rather than by federation.
 * Returns the sign-in URL, a bearer secret: redirect to it, never log it.
 */
export async function openConsole({
  db,
  user,
  input,
  client,
}: {
  db: Db;
  user: PortalUser;
  input: unknown;
  client: IssueClient;
}): Promise<string> {
  const { url, region, destination } = await createConsoleSignIn({ db, user, input, client });
  await rememberConsoleChoice({ db, userId: user.id, region, destination });
  return url;
}

export type ConsolePreview = ConsoleInput & {
  accountName: string;
  environment: string;
  requireReason: boolean;
  readOnlyFirst: boolean;
};

/**
 * What a deep link asks for, checked (input, entitlement) without issuing anything: the
 * confirmation page shows it, and only its same-origin POST goes on to openConsole.
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
  const request = parseIssuanceInput("console.signin", input);
  const { accountId, roleName } = request;
  const entitlement = await assertEntitled({ db, groups: user.groups, userId: user.id, accountId, roleName });
  const { account, requireReason, readOnlyFirst, grant } = entitlement;
  // A step-up comes before the confirmation: the person signs in again first, then clicks once.
  assertRecentAuthentication({
    entitlement,
    idp: user.idp,
    idpAuthenticatedAt: user.idpAuthenticatedAt,
    airlockUrl: getEnv().AIRLOCK_URL,
    now: new Date(),
  });
  // A grant's request gave the reason its sessions carry.
  return {
    ...request,
    accountName: account.name,
    environment: account.environment,
    requireReason: requireReason && !grant,
    readOnlyFirst,
  };
}
