import { callApi, type ApiContext } from "./api";
import { CliError } from "./errors";

/** GET /api/entitlements and picking one role from it by account id or name and role name. */

export type EntitledRole = {
  accountId: string;
  accountName: string;
  environment: string;
  partition: string;
  roleName: string;
  description: string | null;
  maxSessionDuration: number;
  allowedSessionDuration: number;
  /** Absent from servers older than the role guardrails. */
  defaultSessionDuration?: number;
  requireReason?: boolean;
};

export type Entitlements = {
  user: { email: string; name: string | null };
  session: { kind: string; expiresAt: string; idleTimeoutSeconds: number };
  defaultRegion: string;
  roles: EntitledRole[];
};

export async function fetchEntitlements(context: ApiContext): Promise<Entitlements> {
  const body = await callApi<Entitlements>(context, { path: "/api/entitlements" });
  if (!body || !Array.isArray(body.roles))
    throw new CliError("failed", "Airlock sent an unexpected answer to /api/entitlements.");
  return body;
}

export function isAccountId(value: string): boolean {
  return /^\d{12}$/.test(value);
}

/** The role the person means: account by 12-digit id or by name (case-insensitive), role by name. Pure. */
export function findRole(roles: EntitledRole[], account: string, role: string): EntitledRole {
  const inAccount = roles.filter((r) =>
    isAccountId(account) ? r.accountId === account : r.accountName.toLowerCase() === account.toLowerCase(),
  );
  if (inAccount.length === 0)
    throw new CliError("not_entitled", `You have no role in an account "${account}". Run \`airlock ls\` to see yours.`);
  const accountIds = new Set(inAccount.map((r) => r.accountId));
  if (accountIds.size > 1)
    throw new CliError(
      "usage",
      `Several accounts are named "${account}" (${[...accountIds].join(", ")}): pass the account id.`,
    );
  const found =
    inAccount.find((r) => r.roleName === role) ??
    inAccount.find((r) => r.roleName.toLowerCase() === role.toLowerCase());
  if (!found)
    throw new CliError(
      "not_entitled",
      `You have no role "${role}" in ${inAccount[0].accountName} (yours there: ${inAccount.map((r) => r.roleName).join(", ")}).`,
    );
  return found;
}
