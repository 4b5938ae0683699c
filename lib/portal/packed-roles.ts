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
  /** 1 when the role requires a reason: a boolean costs five characters more per role in the payload. */
  requireReason: 0 | 1,
];
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
    return [
      index,
      r.roleId,
      r.roleName,
      r.description,
      r.maxSessionDuration,
      r.allowedSessionDuration,
      r.defaultSessionDuration,
      r.requireReason ? 1 : 0,
    ];
  });
  return { accounts, roles: packed };
}

export function unpackRoles({ accounts, roles }: PackedRoles): PortalRole[] {
  return roles.map((packed) => {
    const [index, roleId, roleName, description, maxSessionDuration, allowedSessionDuration] = packed;
    const [, , , , , , defaultSessionDuration, requireReason] = packed;
    const [accountId, accountName, environment] = accounts[index];
    return {
      roleId,
      roleName,
      description,
      maxSessionDuration,
      allowedSessionDuration,
      defaultSessionDuration,
      requireReason: requireReason === 1,
      accountId,
      accountName,
      environment,
    };
  });
}
