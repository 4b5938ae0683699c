import "server-only";
import type { Db } from "@/lib/db/client";
import { AppError } from "@/lib/errors";
import { foldEntitlements, type Entitlement } from "@/lib/entitlements/entitlement";
import { listGrantRows, listMappingRowsOfRole } from "@/lib/entitlements/list-access";

/**
 * Re-checks, against the database, that one of `groups` has a standing mapping to the role or that
 * the person (`userId`) holds a live grant for it. Runs before every STS call; throws `forbidden`
 * naming the account, the role and the groups mapped to it when nothing gives it, and saying so
 * when the person may request it.
 */
export async function assertEntitled({
  db,
  groups,
  userId,
  accountId,
  roleName,
}: {
  db: Db;
  groups: string[];
  userId: string;
  accountId: string;
  roleName: string;
}): Promise<Entitlement> {
  const mappings = groups.length ? await listMappingRowsOfRole({ db, accountId, roleName }) : [];
  // A grant counts only while the person is in a group still eligible to the role: no such
  // mapping, no grant to look up (the common case on the issuance hot path).
  const requestable = mappings.some((m) => m.kind === "eligible" && groups.includes(m.group));
  const grants = requestable ? await listGrantRows({ db, userId, role: { accountId, roleName } }) : [];
  const [entitlement] = foldEntitlements({ rows: mappings, groups, grants });
  if (!entitlement) {
    throw new AppError(
      "forbidden",
      requestable
        ? `You have no access to role ${roleName} in account ${accountId} now, but you may request it: open Airlock's portal and choose "Request access" on the role.`
        : `You are not entitled to role ${roleName} in account ${accountId}. Ask your Airlock administrators to map one of your groups to it.`,
      // The groups that would grant it, so the person knows which to ask for (none: no such role).
      {
        accountId,
        roleName,
        groups: [...new Set(mappings.filter((m) => m.kind !== "eligible").map((m) => m.group))].sort(),
        ...(requestable && { requestable: true }),
      },
    );
  }
  return entitlement;
}
