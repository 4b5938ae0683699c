import "server-only";
import type { PortalUser } from "@/lib/auth/session";
import type { Db } from "@/lib/db/client";
import { listEntitlementsForGroups } from "@/lib/entitlements/list-access";
import { getEnv } from "@/lib/env";

export type ApprovalGrant = { roleCount: number; sessionHours: number; until: Date };

/** What approving a terminal gives it: the person's roles, as them, for one session lifetime from now. */
export async function describeApprovalGrant({
  db,
  user,
  now = new Date(),
}: {
  db: Db;
  user: PortalUser;
  now?: Date;
}): Promise<ApprovalGrant> {
  const maxAge = getEnv().AIRLOCK_SESSION_MAX_AGE;
  const roles = await listEntitlementsForGroups({ db, groups: user.groups, userId: user.id });
  return { roleCount: roles.length, sessionHours: maxAge / 3600, until: new Date(now.getTime() + maxAge * 1000) };
}
