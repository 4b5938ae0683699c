import { DEFAULT_SESSION_SECONDS, type Partition } from "@/lib/entitlements/schemas";

/**
 * The one entitlement rule, shared by the portal's listings and the check before every STS call:
 * a person reaches a role when one of their groups is mapped to it, and may hold a session as long
 * as the most generous of those mappings allows, never longer than the role's own maximum nor the
 * role's guardrail limit. The role's guardrails (a reason, a default session, read-only first)
 * travel with it.
 */

/** One group mapping, joined with its role and account, as the database returns it. */
export type MappingRow = {
  group: string;
  /** The mapping's own duration cap in seconds, or null for the role's maximum. */
  cap: number | bigint | null;
  roleId: string;
  roleName: string;
  rolePath: string;
  roleDescription: string | null;
  maxSessionDuration: number | bigint;
  samlProviderName: string | null;
  /** Guardrails; SQLite's raw queries answer booleans as 0/1. */
  requireReason: boolean | number | bigint;
  defaultSessionDuration: number | bigint | null;
  sessionDurationLimit: number | bigint | null;
  readOnlyFirst: boolean | number | bigint;
  accountId: string;
  accountName: string;
  environment: string;
  partition: string;
  accountDescription: string | null;
};

export type Entitlement = {
  roleId: string;
  roleName: string;
  rolePath: string;
  roleDescription: string | null;
  /** The role's MaxSessionDuration in seconds. */
  maxSessionDuration: number;
  /** The longest session the person's mappings allow, never above the role's maximum or limit. */
  allowedSessionDuration: number;
  /** The session issued when none is asked for: the role's default (else one hour), within the allowed. */
  defaultSessionDuration: number;
  /** Guardrail: every issuance must give a reason. */
  requireReason: boolean;
  /** Guardrail: sessions are read-only (a session policy) unless the person asks for write. */
  readOnlyFirst: boolean;
  samlProviderName: string | null;
  account: { id: string; name: string; environment: string; partition: Partition; description: string | null };
  /** The person's groups mapped to the role, in the order the rows came. */
  viaGroups: string[];
};

/** What one mapping allows: its cap, or the role's maximum when it has none or a larger one. */
export function allowedByMapping({ cap, roleMax }: { cap: number | null; roleMax: number }): number {
  return cap === null ? roleMax : Math.min(cap, roleMax);
}

/** The role's own cap on sessions: its guardrail limit when set, never above its maximum. */
export function limitOfRole({ roleMax, limit }: { roleMax: number; limit: number | null }): number {
  return limit === null ? roleMax : Math.min(limit, roleMax);
}

function numberOrNull(value: number | bigint | null): number | null {
  return value === null ? null : Number(value);
}

/**
 * Folds mapping rows into one entitlement per role for a person in `groups`. Rows of other groups
 * are ignored, so a caller may pass every mapping of a role. Roles keep the order of their first row.
 */
export function foldEntitlements({ rows, groups }: { rows: MappingRow[]; groups: readonly string[] }): Entitlement[] {
  const memberOf = new Set(groups);
  const byRole = new Map<string, Entitlement>();
  for (const row of rows) {
    if (!memberOf.has(row.group)) continue;
    const roleMax = Number(row.maxSessionDuration);
    const roleLimit = limitOfRole({ roleMax, limit: numberOrNull(row.sessionDurationLimit) });
    const allowed = allowedByMapping({ cap: numberOrNull(row.cap), roleMax: roleLimit });
    const roleDefault = numberOrNull(row.defaultSessionDuration) ?? DEFAULT_SESSION_SECONDS;
    const existing = byRole.get(row.roleId);
    if (existing) {
      if (!existing.viaGroups.includes(row.group)) existing.viaGroups.push(row.group);
      existing.allowedSessionDuration = Math.max(existing.allowedSessionDuration, allowed);
      existing.defaultSessionDuration = Math.min(roleDefault, existing.allowedSessionDuration);
      continue;
    }
    byRole.set(row.roleId, {
      roleId: row.roleId,
      roleName: row.roleName,
      rolePath: row.rolePath,
      roleDescription: row.roleDescription,
      maxSessionDuration: roleMax,
      allowedSessionDuration: allowed,
      defaultSessionDuration: Math.min(roleDefault, allowed),
      requireReason: Boolean(Number(row.requireReason)),
      readOnlyFirst: Boolean(Number(row.readOnlyFirst)),
      samlProviderName: row.samlProviderName,
      account: {
        id: row.accountId,
        name: row.accountName,
        environment: row.environment,
        partition: row.partition as Partition,
        description: row.accountDescription,
      },
      viaGroups: [row.group],
    });
  }
  return [...byRole.values()];
}
