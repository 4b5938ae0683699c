import "server-only";
import type { Db } from "@/lib/db/client";
import { queryRows } from "@/lib/db/direct-sql";
import { Prisma } from "@/lib/db/generated/sqlite";
import { AppError } from "@/lib/errors";
import type { Partition } from "@/lib/entitlements/schemas";

export type Entitlement = {
  accountId: string;
  accountName: string;
  environment: string;
  partition: Partition;
  roleName: string;
  rolePath: string;
  samlProviderName: string | null;
  roleMaxSessionDuration: number;
  /** The longest session the user's mappings allow, never above the role's maximum. */
  allowedSessionDuration: number;
  viaGroups: string[];
};

/**
 * Re-checks, against the database, that one of `groups` is mapped to the role. Runs before every
 * STS call; throws `forbidden` naming the account, the role and the groups mapped to it when no
 * mapping grants it.
 */
export async function assertEntitled({
  db,
  groups,
  accountId,
  roleName,
}: {
  db: Db;
  groups: string[];
  accountId: string;
  roleName: string;
}): Promise<Entitlement> {
  // One indexed query on every issuance's hot path (the ORM's nested select costs several). A
  // role has few mappings, so the user's groups are matched here rather than in an IN list.
  const mappings = groups.length
    ? await queryRows<{
        accountName: string;
        environment: string;
        partition: string;
        path: string;
        samlProviderName: string | null;
        maxSessionDuration: number | bigint;
        grp: string;
        cap: number | bigint | null;
      }>(
        db,
        Prisma.sql`
        SELECT a."name" AS "accountName", a."environment", a."partition", r."path", r."samlProviderName", r."maxSessionDuration", m."group" AS grp, m."maxDurationSeconds" AS cap
        FROM "Role" r
        JOIN "Account" a ON a."id" = r."accountId"
        JOIN "GroupMapping" m ON m."roleId" = r."id"
        WHERE r."accountId" = ${accountId} AND r."name" = ${roleName}`,
      )
    : [];
  const rows = mappings.filter((m) => groups.includes(m.grp));
  if (rows.length === 0) {
    throw new AppError(
      "forbidden",
      `You are not entitled to role ${roleName} in account ${accountId}. Ask your Airlock administrators to map one of your groups to it.`,
      // The groups that would grant it, so the person knows which to ask for (none: no such role).
      { accountId, roleName, groups: [...new Set(mappings.map((m) => m.grp))].sort() },
    );
  }
  const role = rows[0];
  const roleMax = Number(role.maxSessionDuration);
  return {
    accountId,
    accountName: role.accountName,
    environment: role.environment,
    partition: role.partition as Partition,
    roleName,
    rolePath: role.path,
    samlProviderName: role.samlProviderName,
    roleMaxSessionDuration: roleMax,
    allowedSessionDuration: Math.max(...rows.map((m) => Math.min(m.cap === null ? roleMax : Number(m.cap), roleMax))),
    viaGroups: rows.map((m) => m.grp),
  };
}
