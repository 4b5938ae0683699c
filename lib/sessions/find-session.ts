import "server-only";
import { recordAuditEvent } from "@/lib/audit/record";
import { parseGroups } from "@/lib/auth/identity";
import type { Db } from "@/lib/db/client";
import { queryRows } from "@/lib/db/direct-sql";
import { Prisma } from "@/lib/db/generated/sqlite";
import { getEnv } from "@/lib/env";
import { hashSessionSecret, isSessionSecret } from "@/lib/sessions/session-secret";
import { evaluateSession, hasFreshGroups, needsTouch } from "@/lib/sessions/session-state";

export type ActiveSession = {
  id: string;
  kind: string;
  idp: string;
  groups: string[];
  groupsCheckedAt: Date;
  hasFreshGroups: boolean;
  authenticatedAt: Date;
  expiresAt: Date;
  user: { id: string; email: string; name: string | null; username: string };
};

type Timestamp = string | number | Date;
type SessionRow = {
  userId: string;
  kind: string;
  idp: string;
  groups: string;
  groupsCheckedAt: Timestamp;
  authenticatedAt: Timestamp;
  lastSeenAt: Timestamp;
  expiresAt: Timestamp;
  revokedAt: Timestamp | null;
  email: string;
  name: string | null;
  username: string;
  suspendedAt: Timestamp | null;
};

/** A timestamp as the driver returns it (ISO text, with or without a zone: stored as UTC). */
function toDate(value: Timestamp): Date {
  if (typeof value !== "string") return new Date(value);
  return new Date(/(Z|[+-]\d\d:?\d\d)$/i.test(value) ? value : `${value.replace(" ", "T")}Z`);
}

/**
 * The session a secret names, if it still grants access: one indexed lookup, no cache, so a
 * revocation on any instance holds on the next request everywhere. A session found past its
 * lifetime or idle timeout is ended (and audited) once, here.
 */
export async function findActiveSession({
  db,
  secret,
  now = new Date(),
}: {
  db: Db;
  secret: unknown;
  now?: Date;
}): Promise<ActiveSession | null> {
  if (!isSessionSecret(secret)) return null;
  const id = hashSessionSecret(secret);
  // One plain statement on every request's path (the ORM's include costs a second query and its
  // planning; npm run bench).
  const [found] = await queryRows<SessionRow>(
    db,
    Prisma.sql`
    SELECT s."userId", s."kind", s."idp", s."groups", s."groupsCheckedAt", s."authenticatedAt", s."lastSeenAt", s."expiresAt", s."revokedAt", u."email", u."name", u."username", u."suspendedAt"
    FROM "Session" s JOIN "User" u ON u."id" = s."userId"
    WHERE s."id" = ${id}`,
  );
  const row = found && {
    ...found,
    groupsCheckedAt: toDate(found.groupsCheckedAt),
    authenticatedAt: toDate(found.authenticatedAt),
    lastSeenAt: toDate(found.lastSeenAt),
    expiresAt: toDate(found.expiresAt),
    revokedAt: found.revokedAt === null ? null : toDate(found.revokedAt),
    user: { email: found.email, suspendedAt: found.suspendedAt === null ? null : toDate(found.suspendedAt) },
  };
  if (!row) return null;
  const env = getEnv();
  const state = evaluateSession(
    { ...row, suspendedAt: row.user.suspendedAt },
    { now, idleSeconds: env.AIRLOCK_SESSION_IDLE_TIMEOUT },
  );
  if (state === "expired" || state === "idle") await endSession({ db, id, reason: state, user: row, now });
  if (state !== "active") return null;
  if (needsTouch(row.lastSeenAt, now))
    await db.session.updateMany({ where: { id, lastSeenAt: row.lastSeenAt }, data: { lastSeenAt: now } });
  return {
    id,
    kind: row.kind,
    idp: row.idp,
    groups: parseGroups(JSON.parse(row.groups)),
    groupsCheckedAt: row.groupsCheckedAt,
    hasFreshGroups: hasFreshGroups(row.groupsCheckedAt, { now, maxAgeSeconds: env.AIRLOCK_GROUPS_MAX_AGE }),
    authenticatedAt: row.authenticatedAt,
    expiresAt: row.expiresAt,
    user: { id: row.userId, email: row.email, name: row.name, username: row.username },
  };
}

/** Marks a session that ran out as ended, once (the first instance to see it writes the audit row). */
async function endSession({
  db,
  id,
  reason,
  user,
  now,
}: {
  db: Db;
  id: string;
  reason: "expired" | "idle";
  user: { userId: string; user: { email: string } };
  now: Date;
}): Promise<void> {
  const { count } = await db.session.updateMany({
    where: { id, revokedAt: null },
    data: { revokedAt: now, revokeReason: reason === "idle" ? "idle timeout" : "lifetime ended" },
  });
  if (count === 1)
    await recordAuditEvent({
      db,
      event: {
        action: "session.expire",
        outcome: "success",
        reason,
        userId: user.userId,
        actor: user.user.email,
        details: { session: id.slice(0, 12) },
      },
    });
}
