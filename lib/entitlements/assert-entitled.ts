import "server-only";
import type { Db } from "@/lib/db/client";
import { AppError } from "@/lib/errors";
import type { Partition } from "@/lib/entitlements/schemas";

export type Entitlement = {
  accountId: string;
  accountName: string;
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
 * STS call; throws `forbidden` naming the account and role when no mapping grants it.
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
  const role = groups.length
    ? await db.role.findUnique({
        where: { accountId_name: { accountId, name: roleName } },
        select: {
          name: true,
          path: true,
          samlProviderName: true,
          maxSessionDuration: true,
          account: { select: { id: true, name: true, partition: true } },
          mappings: { where: { group: { in: groups } }, select: { group: true, maxDurationSeconds: true } },
        },
      })
    : null;
  if (!role || role.mappings.length === 0) {
    throw new AppError(
      "forbidden",
      `You are not entitled to role ${roleName} in account ${accountId}. Ask your Airlock administrators to map one of your groups to it.`,
      { accountId, roleName },
    );
  }
  const allowed = Math.max(
    ...role.mappings.map((m) => Math.min(m.maxDurationSeconds ?? role.maxSessionDuration, role.maxSessionDuration)),
  );
  return {
    accountId: role.account.id,
    accountName: role.account.name,
    partition: role.account.partition as Partition,
    roleName: role.name,
    rolePath: role.path,
    samlProviderName: role.samlProviderName,
    roleMaxSessionDuration: role.maxSessionDuration,
    allowedSessionDuration: allowed,
    viaGroups: role.mappings.map((m) => m.group),
  };
}
