import "server-only";
import type { Db } from "@/lib/db/client";
import { getEnv } from "@/lib/env";
import { TOUCH_INTERVAL_MS } from "@/lib/sessions/session-state";

export type SessionSummary = {
  id: string;
  kind: string;
  idp: string;
  groups: string[];
  authenticatedAt: Date;
  lastSeenAt: Date;
  expiresAt: Date;
  clientIp: string | null;
  userAgent: string | null;
};

/** A person's sessions that still grant access (not revoked, expired or idle), newest first. */
export async function listLiveSessions({
  db,
  userId,
  now = new Date(),
}: {
  db: Db;
  userId: string;
  now?: Date;
}): Promise<SessionSummary[]> {
  const rows = await db.session.findMany({
    where: {
      userId,
      revokedAt: null,
      expiresAt: { gt: now },
      lastSeenAt: { gt: new Date(now.getTime() - getEnv().AIRLOCK_SESSION_IDLE_TIMEOUT * 1000 - TOUCH_INTERVAL_MS) },
    },
    orderBy: { authenticatedAt: "desc" },
    take: 100,
    select: {
      id: true,
      kind: true,
      idp: true,
      groups: true,
      authenticatedAt: true,
      lastSeenAt: true,
      expiresAt: true,
      clientIp: true,
      userAgent: true,
    },
  });
  return rows.map((r) => ({ ...r, groups: JSON.parse(r.groups) as string[] }));
}
