import "server-only";
import type { Db } from "@/lib/db/client";
import { queryRows } from "@/lib/db/direct-sql";
import { Prisma } from "@/lib/db/generated/sqlite";
import { AppError } from "@/lib/errors";
import { foldEntitlements, type Entitlement, type MappingRow } from "@/lib/entitlements/entitlement";
import { mappingRowColumns } from "@/lib/entitlements/store";

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
  // role has few mappings, so all of them are read and the person's groups matched by the rule.
  const mappings = groups.length
    ? await queryRows<MappingRow>(
        db,
        Prisma.sql`
        SELECT ${mappingRowColumns}
        FROM "Role" r
        JOIN "Account" a ON a."id" = r."accountId"
        JOIN "GroupMapping" m ON m."roleId" = r."id"
        WHERE r."accountId" = ${accountId} AND r."name" = ${roleName}`,
      )
    : [];
  const [entitlement] = foldEntitlements({ rows: mappings, groups });
  if (!entitlement) {
    throw new AppError(
      "forbidden",
      `You are not entitled to role ${roleName} in account ${accountId}. Ask your Airlock administrators to map one of your groups to it.`,
      // The groups that would grant it, so the person knows which to ask for (none: no such role).
      { accountId, roleName, groups: [...new Set(mappings.map((m) => m.group))].sort() },
    );
  }
  return entitlement;
}
