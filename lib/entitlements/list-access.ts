import "server-only";
import type { Db } from "@/lib/db/client";
import { queryRows } from "@/lib/db/direct-sql";
import { Prisma } from "@/lib/db/generated/sqlite";
import {
  foldEligibility,
  foldEntitlements,
  type Eligibility,
  type Entitlement,
  type GrantRow,
  type MappingRow,
} from "@/lib/entitlements/entitlement";
import { getEnv } from "@/lib/env";

/**
 * Reading what people reach: the mapping and grant rows the one entitlement rule folds
 * (lib/entitlements/entitlement.ts), for the portal, the API, the admin's effective access and
 * the check before every issuance.
 */

/** The role and account columns of every entitlement row, over "Role" r and "Account" a. */
const roleColumns = Prisma.sql`r."id" AS "roleId", r."name" AS "roleName", r."path" AS "rolePath",
  r."description" AS "roleDescription", r."maxSessionDuration", r."samlProviderName", r."requireReason",
  r."defaultSessionDuration", r."sessionDurationLimit", r."readOnlyFirst", r."stepUpMinutes",
  r."approvalsRequired",
  a."id" AS "accountId", a."name" AS "accountName", a."environment", a."partition",
  a."description" AS "accountDescription"`;

/** The columns of a `MappingRow`, for a query over "GroupMapping" m, "Role" r and "Account" a. */
export const mappingRowColumns = Prisma.sql`m."group", m."maxDurationSeconds" AS "cap", m."kind",
  m."approverGroup", m."maxGrantSeconds", ${roleColumns}`;

/** The columns of a `GrantRow`, for a query over "AccessRequest" g, "Role" r and "Account" a. */
export const grantRowColumns = Prisma.sql`g."id" AS "requestId", g."reason", g."expiresAt", g."viaGroups", ${roleColumns}`;

/**
 * Every mapping of one role, standing and eligible, joined with the role and account. One indexed
 * query on every issuance's hot path (the ORM's nested select costs several); a role has few
 * mappings, so all are read and the person's groups matched by the rule.
 */
export async function listMappingRowsOfRole({
  db,
  accountId,
  roleName,
}: {
  db: Db;
  accountId: string;
  roleName: string;
}): Promise<MappingRow[]> {
  return queryRows<MappingRow>(
    db,
    Prisma.sql`
    SELECT ${mappingRowColumns}
    FROM "Role" r
    JOIN "Account" a ON a."id" = r."accountId"
    JOIN "GroupMapping" m ON m."roleId" = r."id"
    WHERE r."accountId" = ${accountId} AND r."name" = ${roleName}`,
  );
}

/** The live grants of a person (approved, not yet ended), optionally of one role only. */
export async function listGrantRows({
  db,
  userId,
  now = new Date(),
  role,
}: {
  db: Db;
  userId: string;
  now?: Date;
  role?: { accountId: string; roleName: string };
}): Promise<GrantRow[]> {
  const ofRole = role
    ? Prisma.sql`AND r."accountId" = ${role.accountId} AND r."name" = ${role.roleName}`
    : Prisma.empty;
  return queryRows<GrantRow>(
    db,
    Prisma.sql`
    SELECT ${grantRowColumns}
    FROM "AccessRequest" g
    JOIN "Role" r ON r."id" = g."roleId"
    JOIN "Account" a ON a."id" = r."accountId"
    WHERE g."userId" = ${userId} AND g."status" = 'approved' AND g."expiresAt" > ${now} ${ofRole}`,
  );
}

const collator = new Intl.Collator();
const byAccountAndRole = (
  a: { account: { name: string }; roleName: string },
  b: { account: { name: string }; roleName: string },
) => collator.compare(a.account.name, b.account.name) || collator.compare(a.roleName, b.roleName);

export type Access = { entitlements: Entitlement[]; eligible: Eligibility[] };

/**
 * The mapping rows of `groups` and, with `userId`, the person's live grants (looked up only when
 * one of the groups is eligible to something: a grant counts only through such a group). One
 * joined query for the mappings: the ORM's nested select ran three and joined the rows in memory,
 * most of the home page's server time for a person with 2,000 roles (npm run bench).
 */
async function loadAccessRows({ db, groups, userId }: { db: Db; groups: string[]; userId?: string }) {
  if (groups.length === 0) return { rows: [], grants: [] };
  const rows = await db.$queryRaw<MappingRow[]>(Prisma.sql`
    SELECT ${mappingRowColumns}
    FROM "GroupMapping" m
    JOIN "Role" r ON r."id" = m."roleId"
    JOIN "Account" a ON a."id" = r."accountId"
    WHERE m."group" IN (${Prisma.join(groups)})
    ORDER BY m."group"`);
  const anyEligible = rows.some((row) => row.kind === "eligible");
  const grants = userId && anyEligible ? await listGrantRows({ db, userId }) : [];
  return { rows, grants };
}

/**
 * What a person in `groups` reaches (standing mappings, and with `userId` their live grants) and
 * may request (eligible mappings), each sorted by account name and role name. A role held standing
 * is not offered for request; one held by a grant stays requestable (to ask again before it ends).
 */
export async function listAccess({
  db,
  groups,
  userId,
}: {
  db: Db;
  groups: string[];
  userId?: string;
}): Promise<Access> {
  const { rows, grants } = await loadAccessRows({ db, groups, userId });
  const entitlements = foldEntitlements({ rows, groups, grants }).sort(byAccountAndRole);
  if (!rows.some((row) => row.kind === "eligible")) return { entitlements, eligible: [] };
  const standing = new Set(entitlements.filter((e) => e.standing).map((e) => e.roleId));
  const defaultMaxGrantSeconds = getEnv().AIRLOCK_REQUEST_MAX_HOURS * 3600;
  const eligible = foldEligibility({ rows, groups, defaultMaxGrantSeconds })
    .filter((e) => !standing.has(e.roleId))
    .sort(byAccountAndRole);
  return { entitlements, eligible };
}

/** Every role that `groups` reach by standing mappings (and with `userId`, the person's grants). */
export async function listEntitlementsForGroups({
  db,
  groups,
  userId,
}: {
  db: Db;
  groups: string[];
  userId?: string;
}): Promise<Entitlement[]> {
  const { rows, grants } = await loadAccessRows({ db, groups, userId });
  return foldEntitlements({ rows, groups, grants }).sort(byAccountAndRole);
}
