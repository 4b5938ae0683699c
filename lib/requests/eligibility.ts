import "server-only";
import { z } from "zod";
import { parseGroups } from "@/lib/auth/identity";
import type { Db, DbClient } from "@/lib/db/client";
import { foldEligibility, foldEntitlements, type Eligibility } from "@/lib/entitlements/entitlement";
import { listMappingRowsOfRole } from "@/lib/entitlements/list-access";
import { getEnv } from "@/lib/env";
import { AppError } from "@/lib/errors";
import type { RequestActor, RequestRow } from "@/lib/requests/request-view";

/** Who may request a role, and whether a request's requester still may when it is approved. */

/** What `actor` may request of a role: their eligibility, or a `forbidden`/`conflict` that says why not. */
export async function findEligibility({
  db,
  actor,
  accountId,
  roleName,
}: {
  db: Db;
  actor: Pick<RequestActor, "groups">;
  accountId: string;
  roleName: string;
}): Promise<Eligibility> {
  const rows = actor.groups.length ? await listMappingRowsOfRole({ db, accountId, roleName }) : [];
  if (foldEntitlements({ rows, groups: actor.groups }).length)
    throw new AppError("conflict", `You already have ${roleName} in account ${accountId}: open it from the portal.`);
  const defaultMaxGrantSeconds = getEnv().AIRLOCK_REQUEST_MAX_HOURS * 3600;
  const [eligibility] = foldEligibility({ rows, groups: actor.groups, defaultMaxGrantSeconds });
  if (!eligibility)
    throw new AppError(
      "forbidden",
      `You cannot request role ${roleName} in account ${accountId}: none of your groups is eligible to it. Ask your Airlock administrators which group is.`,
      { accountId, roleName },
    );
  return eligibility;
}

/**
 * Refuses to approve for someone who has since left every group the request came through, or
 * whose eligible mapping an admin removed (as the IdP last told Airlock at their sign-in).
 */
export async function assertStillEligible(tx: DbClient, row: RequestRow) {
  const via = z.array(z.string()).parse(JSON.parse(row.viaGroups));
  const [requester, mappings] = await Promise.all([
    tx.user.findUniqueOrThrow({ where: { id: row.userId }, select: { groups: true } }),
    tx.groupMapping.findMany({
      where: { roleId: row.roleId, kind: "eligible", group: { in: via } },
      select: { group: true },
    }),
  ]);
  const groups = new Set(parseGroups(JSON.parse(requester.groups)));
  if (!mappings.some((m) => groups.has(m.group)))
    throw new AppError(
      "conflict",
      `${row.user.email} is no longer eligible to ${row.role.account.name} / ${row.role.name} (not in ${via.join(" or ")} any more, or the mapping was removed). Deny the request instead.`,
    );
}
