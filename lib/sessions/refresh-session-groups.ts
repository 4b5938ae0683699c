import "server-only";
import { recordAuditEvent } from "@/lib/audit/record";
import type { Db } from "@/lib/db/client";

/**
 * Replaces a live session's groups with what the IdP just asserted in a passive round trip. The
 * session keeps its id, sign-in time and absolute expiry: a refresh never extends a session.
 * False when the session is no longer live or belongs to someone else.
 */
export async function refreshSessionGroups({
  db,
  id,
  user,
  groups,
  now = new Date(),
}: {
  db: Db;
  id: string;
  user: { id: string; email: string };
  groups: string[];
  now?: Date;
}): Promise<boolean> {
  const before = await db.session.findUnique({ where: { id }, select: { groups: true, userId: true } });
  if (!before || before.userId !== user.id) return false;
  const { count } = await db.session.updateMany({
    where: { id, userId: user.id, revokedAt: null, expiresAt: { gt: now } },
    data: { groups: JSON.stringify(groups), groupsCheckedAt: now, lastSeenAt: now },
  });
  if (count !== 1) return false;
  const previous = JSON.parse(before.groups) as string[];
  await recordAuditEvent({
    db,
    event: {
      action: "session.refresh_groups",
      outcome: "success",
      userId: user.id,
      actor: user.email,
      details: {
        session: id.slice(0, 12),
        ...diffGroups(previous, groups),
      },
    },
  });
  return true;
}

/** The groups a refresh added and removed, for its audit row. */
export function diffGroups(previous: string[], groups: string[]): { added: string[]; removed: string[] } {
  return { added: groups.filter((g) => !previous.includes(g)), removed: previous.filter((g) => !groups.includes(g)) };
}
