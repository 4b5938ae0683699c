import { DEFAULT_SESSION_SECONDS, type Partition } from "@/lib/entitlements/schemas";

/**
 * The one entitlement rule, shared by the portal's listings and the check before every STS call:
 * a person reaches a role when one of their groups has a standing mapping to it, or when they hold
 * an approved grant for it that has not ended and they are still in a group eligible to it. They
 * may hold a session as long as the most generous of those allows, never longer than the role's
 * own maximum nor the role's guardrail limit, and never past the end of a grant that alone gives
 * the role (but for AWS's shortest session, 15 minutes). The role's guardrails travel with it.
 */

/** The role and account columns every row below carries. */
type RoleColumns = {
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
  /** Step-up: minutes since the IdP authentication; absent or null means none. */
  stepUpMinutes?: number | bigint | null;
  accountId: string;
  accountName: string;
  environment: string;
  partition: string;
  accountDescription: string | null;
};

/** One group mapping, joined with its role and account, as the database returns it. */
export type MappingRow = RoleColumns & {
  group: string;
  /** The mapping's own duration cap in seconds, or null for the role's maximum. */
  cap: number | bigint | null;
  /** standing | eligible; absent means standing. */
  kind?: string;
  /** Eligible mappings: who approves, and the longest grant. */
  approverGroup?: string | null;
  maxGrantSeconds?: number | bigint | null;
  approvalsRequired?: number | bigint;
};

/** One approved request, joined with its role and account. */
export type GrantRow = RoleColumns & {
  requestId: string;
  /** The reason the request gave. */
  reason: string;
  /** When the grant ends (a Date, or what SQLite's raw queries answer for one). */
  expiresAt: Date | string | number | bigint;
  /** JSON array: the eligible groups it was asked through. */
  viaGroups: string;
};

/** An approved request that gives a role until `expiresAt`. */
export type Grant = { requestId: string; expiresAt: Date; reason: string };

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
  /** Guardrail: issuance needs an IdP authentication within this many minutes; null for none. */
  stepUpMinutes: number | null;
  samlProviderName: string | null;
  account: { id: string; name: string; environment: string; partition: Partition; description: string | null };
  /** The person's groups mapped to the role (or, for a grant, eligible to it), in the order the rows came. */
  viaGroups: string[];
  /** Whether a standing mapping gives the role (else only a grant does). */
  standing: boolean;
  /** Set when a grant gives the role; null for standing access alone. */
  grant: Grant | null;
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

function roleOf(row: RoleColumns) {
  return {
    roleId: row.roleId,
    roleName: row.roleName,
    rolePath: row.rolePath,
    roleDescription: row.roleDescription,
    maxSessionDuration: Number(row.maxSessionDuration),
    samlProviderName: row.samlProviderName,
    requireReason: Boolean(Number(row.requireReason)),
    readOnlyFirst: Boolean(Number(row.readOnlyFirst)),
    stepUpMinutes: numberOrNull(row.stepUpMinutes ?? null),
    account: {
      id: row.accountId,
      name: row.accountName,
      environment: row.environment,
      partition: row.partition as Partition,
      description: row.accountDescription,
    },
  };
}

function limitOfRow(row: RoleColumns): number {
  return limitOfRole({ roleMax: Number(row.maxSessionDuration), limit: numberOrNull(row.sessionDurationLimit) });
}

/** The shortest session AWS issues: a grant in its last 15 minutes still gets this long. */
const SHORTEST_SESSION_SECONDS = 900;

export function toDate(value: Date | string | number | bigint): Date {
  return value instanceof Date ? value : new Date(typeof value === "bigint" ? Number(value) : value);
}

/**
 * Folds mapping rows and grant rows into one entitlement per role for a person in `groups`.
 * Standing rows give the role; eligible rows give nothing themselves, but a grant counts only
 * through the person's groups that are still eligible to its role in `rows` (leaving the group, or
 * an admin removing the eligible mapping, ends it). Rows of other groups are ignored, so a caller
 * may pass every mapping of a role. Roles keep the order of their first row, mappings before grants.
 */
export function foldEntitlements({
  rows,
  groups,
  grants = [],
  now = new Date(),
}: {
  rows: MappingRow[];
  groups: readonly string[];
  grants?: GrantRow[];
  now?: Date;
}): Entitlement[] {
  const memberOf = new Set(groups);
  const byRole = new Map<string, Entitlement>();
  const add = (row: RoleColumns, allowed: number, via: string[], grant: Grant | null) => {
    const roleDefault = numberOrNull(row.defaultSessionDuration) ?? DEFAULT_SESSION_SECONDS;
    const existing = byRole.get(row.roleId);
    if (existing) {
      for (const group of via) if (!existing.viaGroups.includes(group)) existing.viaGroups.push(group);
      existing.allowedSessionDuration = Math.max(existing.allowedSessionDuration, allowed);
      existing.defaultSessionDuration = Math.min(roleDefault, existing.allowedSessionDuration);
      if (grant && (!existing.grant || existing.grant.expiresAt < grant.expiresAt)) existing.grant = grant;
      if (!grant) existing.standing = true;
      return;
    }
    byRole.set(row.roleId, {
      ...roleOf(row),
      allowedSessionDuration: allowed,
      defaultSessionDuration: Math.min(roleDefault, allowed),
      viaGroups: via,
      standing: !grant,
      grant,
    });
  };
  for (const row of rows) {
    if (!memberOf.has(row.group) || (row.kind ?? "standing") !== "standing") continue;
    add(row, allowedByMapping({ cap: numberOrNull(row.cap), roleMax: limitOfRow(row) }), [row.group], null);
  }
  // Per role, the person's eligible groups and the longest session their caps allow (as standing rows).
  const eligibleVia = new Map<string, { groups: Set<string>; allowed: number }>();
  for (const row of rows) {
    if (row.kind !== "eligible" || !memberOf.has(row.group)) continue;
    const allowed = allowedByMapping({ cap: numberOrNull(row.cap), roleMax: limitOfRow(row) });
    const seen = eligibleVia.get(row.roleId) ?? { groups: new Set<string>(), allowed: 0 };
    seen.groups.add(row.group);
    seen.allowed = Math.max(seen.allowed, allowed);
    eligibleVia.set(row.roleId, seen);
  }
  for (const row of grants) {
    const expiresAt = toDate(row.expiresAt);
    const remaining = Math.floor((expiresAt.getTime() - now.getTime()) / 1000);
    const eligible = eligibleVia.get(row.roleId);
    const via = (JSON.parse(row.viaGroups) as string[]).filter((group) => eligible?.groups.has(group));
    if (!eligible || remaining <= 0 || via.length === 0) continue;
    const allowed = Math.min(eligible.allowed, Math.max(remaining, SHORTEST_SESSION_SECONDS));
    add(row, allowed, via, { requestId: row.requestId, expiresAt, reason: row.reason });
  }
  return [...byRole.values()];
}

/** A role the person may request: through which groups, who approves, and for how long at most. */
export type Eligibility = ReturnType<typeof roleOf> & {
  viaGroups: string[];
  /** Approver groups; empty when one of the mappings leaves approval to Airlock's admins. */
  approverGroups: string[];
  /** Whether Airlock's admins approve (a mapping without an approver group). */
  adminsApprove: boolean;
  /** The longest grant any of the person's eligible mappings allows. */
  maxGrantSeconds: number;
  approvalsRequired: number;
};

/** Folds the eligible mapping rows of a person in `groups` into one eligibility per role. */
export function foldEligibility({
  rows,
  groups,
  defaultMaxGrantSeconds,
}: {
  rows: MappingRow[];
  groups: readonly string[];
  defaultMaxGrantSeconds: number;
}): Eligibility[] {
  const memberOf = new Set(groups);
  const byRole = new Map<string, Eligibility>();
  for (const row of rows) {
    if (!memberOf.has(row.group) || row.kind !== "eligible") continue;
    const maxGrant = numberOrNull(row.maxGrantSeconds ?? null) ?? defaultMaxGrantSeconds;
    const existing = byRole.get(row.roleId) ?? {
      ...roleOf(row),
      viaGroups: [],
      approverGroups: [],
      adminsApprove: false,
      maxGrantSeconds: 0,
      approvalsRequired: Number(row.approvalsRequired ?? 1),
    };
    if (!existing.viaGroups.includes(row.group)) existing.viaGroups.push(row.group);
    if (row.approverGroup == null) existing.adminsApprove = true;
    else if (!existing.approverGroups.includes(row.approverGroup)) existing.approverGroups.push(row.approverGroup);
    existing.maxGrantSeconds = Math.max(existing.maxGrantSeconds, maxGrant);
    byRole.set(row.roleId, existing);
  }
  return [...byRole.values()];
}
