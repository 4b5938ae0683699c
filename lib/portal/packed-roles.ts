import type { PortalRole } from "@/lib/portal/home-data";

/**
 * The home page's roles as the server sends them to the browser: each account once, each role as
 * a tuple pointing at its account. With 2,000 roles the page's payload is a third of the objects'
 * (no repeated keys, account names and environments), which the server serializes and the browser
 * parses on every load. Pure.
 */

type PackedAccount = [accountId: string, accountName: string, environment: string];
type PackedRole = [
  account: number,
  roleId: string,
  roleName: string,
  description: string | null,
  maxSessionDuration: number,
  allowedSessionDuration: number,
  defaultSessionDuration: number,
  /**
   * The role's guardrails as one number (booleans cost five characters more per role in the
   * payload): two bits, then the step-up minutes above them (0 for none).
   */
  guardrails: number,
  /** A grant's end (epoch milliseconds) when only a grant gives the role; absent otherwise. */
  grantEndsAt?: number,
];

const REQUIRE_REASON = 1;
const READ_ONLY_FIRST = 2;
const STEP_UP_SHIFT = 2;
export type PackedRoles = { accounts: PackedAccount[]; roles: PackedRole[] };

export function packRoles(roles: PortalRole[]): PackedRoles {
  const accounts: PackedAccount[] = [];
  const accountIndex = new Map<string, number>();
  const packed = roles.map((r): PackedRole => {
    let index = accountIndex.get(r.accountId);
    if (index === undefined) {
      index = accounts.push([r.accountId, r.accountName, r.environment]) - 1;
      accountIndex.set(r.accountId, index);
    }
    const role: PackedRole = [
      index,
      r.roleId,
      r.roleName,
      r.description,
      r.maxSessionDuration,
      r.allowedSessionDuration,
      r.defaultSessionDuration,
      (r.requireReason ? REQUIRE_REASON : 0) |
        (r.readOnlyFirst ? READ_ONLY_FIRST : 0) |
        ((r.stepUpMinutes ?? 0) << STEP_UP_SHIFT),
    ];
    if (r.grantExpiresAt) role.push(Date.parse(r.grantExpiresAt));
    return role;
  });
  return { accounts, roles: packed };
}

export function unpackRoles({ accounts, roles }: PackedRoles): PortalRole[] {
  return roles.map((packed) => {
    const [index, roleId, roleName, description, maxSessionDuration, allowedSessionDuration] = packed;
    const [, , , , , , defaultSessionDuration, guardrails, grantEndsAt] = packed;
    const [accountId, accountName, environment] = accounts[index];
    return {
      roleId,
      roleName,
      description,
      maxSessionDuration,
      allowedSessionDuration,
      defaultSessionDuration,
      requireReason: (guardrails & REQUIRE_REASON) !== 0,
      readOnlyFirst: (guardrails & READ_ONLY_FIRST) !== 0,
      stepUpMinutes: guardrails >> STEP_UP_SHIFT || null,
      accountId,
      accountName,
      environment,
      grantExpiresAt: grantEndsAt === undefined ? null : new Date(grantEndsAt).toISOString(),
    };
  });
}
