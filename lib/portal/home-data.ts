import "server-only";
import type { Db } from "@/lib/db/client";
import { listAccess } from "@/lib/entitlements/list-access";

/** What the portal home page shows one user: their roles, favorites, recents and region. */

export type PortalRole = {
  roleId: string;
  roleName: string;
  description: string | null;
  maxSessionDuration: number;
  allowedSessionDuration: number;
  defaultSessionDuration: number;
  requireReason: boolean;
  readOnlyFirst: boolean;
  /** Step-up: an IdP sign-in within this many minutes before each session; null for none. */
  stepUpMinutes: number | null;
  accountId: string;
  accountName: string;
  environment: string;
  /** When a time-bound grant gives the role (and no standing mapping does): its end, ISO 8601. */
  grantExpiresAt: string | null;
};

/** A role the person may request (an eligible mapping), and whether a request of theirs is waiting. */
export type RequestableRole = {
  roleId: string;
  roleName: string;
  description: string | null;
  accountId: string;
  accountName: string;
  environment: string;
  maxGrantSeconds: number;
  pendingRequestId: string | null;
};

export type PortalHome = {
  roles: PortalRole[];
  requestable: RequestableRole[];
  favoriteRoleIds: string[];
  recentRoleIds: string[];
  preferredRegion: string | null;
  preferredDestination: string | null;
};

const RECENT_LIMIT = 6;

export async function getPortalHome({
  db,
  userId,
  groups,
}: {
  db: Db;
  userId: string;
  groups: string[];
}): Promise<PortalHome> {
  const [{ entitlements, eligible }, favorites, recentEvents, user, pending] = await Promise.all([
    listAccess({ db, groups, userId }),
    db.favorite.findMany({ where: { userId }, select: { roleId: true } }),
    db.auditEvent.findMany({
      where: { userId, outcome: "success", action: { in: ["credentials.issue", "console.signin"] } },
      orderBy: { createdAt: "desc" },
      take: 50,
      select: { accountId: true, roleName: true },
    }),
    db.user.findUnique({ where: { id: userId }, select: { preferredRegion: true, preferredDestination: true } }),
    db.accessRequest.findMany({
      where: { userId, status: "pending", expiresAt: { gt: new Date() } },
      select: { id: true, roleId: true },
    }),
  ]);
  const pendingByRole = new Map(pending.map((p) => [p.roleId, p.id]));
  const roles = entitlements.map((e) => ({
    roleId: e.roleId,
    roleName: e.roleName,
    description: e.roleDescription,
    maxSessionDuration: e.maxSessionDuration,
    allowedSessionDuration: e.allowedSessionDuration,
    defaultSessionDuration: e.defaultSessionDuration,
    requireReason: e.requireReason,
    readOnlyFirst: e.readOnlyFirst,
    stepUpMinutes: e.stepUpMinutes,
    accountId: e.account.id,
    accountName: e.account.name,
    environment: e.account.environment,
    grantExpiresAt: !e.standing && e.grant ? e.grant.expiresAt.toISOString() : null,
  }));
  const byKey = new Map(roles.map((r) => [`${r.accountId}/${r.roleName}`, r.roleId]));
  const recentRoleIds: string[] = [];
  for (const event of recentEvents) {
    const roleId = byKey.get(`${event.accountId}/${event.roleName}`);
    if (roleId && !recentRoleIds.includes(roleId)) recentRoleIds.push(roleId);
    if (recentRoleIds.length === RECENT_LIMIT) break;
  }
  const entitled = new Set(roles.map((r) => r.roleId));
  return {
    roles,
    requestable: eligible.map((e) => ({
      roleId: e.roleId,
      roleName: e.roleName,
      description: e.roleDescription,
      accountId: e.account.id,
      accountName: e.account.name,
      environment: e.account.environment,
      maxGrantSeconds: e.maxGrantSeconds,
      pendingRequestId: pendingByRole.get(e.roleId) ?? null,
    })),
    favoriteRoleIds: favorites.map((f) => f.roleId).filter((id) => entitled.has(id)),
    recentRoleIds,
    preferredRegion: user?.preferredRegion ?? null,
    preferredDestination: user?.preferredDestination ?? null,
  };
}

/** Pins or unpins a role the user is entitled to. Returns whether it is now a favorite. */
export async function setFavorite({
  db,
  userId,
  groups,
  roleId,
  favorite,
}: {
  db: Db;
  userId: string;
  groups: string[];
  roleId: string;
  favorite: boolean;
}): Promise<boolean> {
  if (!favorite) {
    await db.favorite.deleteMany({ where: { userId, roleId } });
    return false;
  }
  // Standing access, or a live grant: a role one may only request cannot be pinned.
  const [mapping, grant] = await Promise.all([
    db.groupMapping.findFirst({ where: { roleId, group: { in: groups }, kind: "standing" }, select: { id: true } }),
    db.accessRequest.findFirst({
      where: { roleId, userId, status: "approved", expiresAt: { gt: new Date() } },
      select: { id: true },
    }),
  ]);
  if (!mapping && !grant) return false;
  await db.favorite.upsert({ where: { userId_roleId: { userId, roleId } }, create: { userId, roleId }, update: {} });
  return true;
}

/**
 * Remembers the console a person last opened: its region (when the link named one) and its
 * "Open at" page (null for console home), so the home page offers them again after a reload.
 */
export async function rememberConsoleChoice({
  db,
  userId,
  region,
  destination,
}: {
  db: Db;
  userId: string;
  region?: string;
  destination?: string;
}): Promise<void> {
  await db.user.updateMany({
    where: { id: userId },
    data: { ...(region ? { preferredRegion: region } : {}), preferredDestination: destination ?? null },
  });
}
