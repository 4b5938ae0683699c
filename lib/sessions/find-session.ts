import "server-only";
import { recordAuditEvent } from "@/lib/audit/record";
import { parseGroups } from "@/lib/auth/identity";
import type { Db } from "@/lib/db/client";
import { queryRows } from "@/lib/db/direct-sql";
import { Prisma } from "@/lib/db/generated/sqlite";
import { getEnv } from "@/lib/env";
import { hashSessionSecret, isSessionSecret } from "@/lib/sessions/session-secret";
import type { SessionKind } from "@/lib/sessions/create-session";
import { evaluateSession, hasFreshGroups, needsTouch, type SessionState } from "@/lib/sessions/session-state";

export type ActiveSession = {
  id: string;
  kind: string;
  idp: string;
  groups: string[];
  groupsCheckedAt: Date;
  hasFreshGroups: boolean;
  authenticatedAt: Date;
  /** When the person last authenticated at the IdP, as it said; null when it did not. */
  idpAuthenticatedAt: Date | null;
  expiresAt: Date;
  user: { id: string; email: string; name: string | null; username: string; preferredRegion: string | null };
};

type Timestamp = string | number | Date;
type SessionRow = {
  userId: string;
  kind: string;
  idp: string;
  groups: string;
  groupsCheckedAt: Timestamp;
  authenticatedAt: Timestamp;
  idpAuthenticatedAt: Timestamp | null;
  lastSeenAt: Timestamp;
  expiresAt: Timestamp;
  revokedAt: Timestamp | null;
  revokeReason: string | null;
  email: string;
  name: string | null;
  username: string;
  preferredRegion: string | null;
  suspendedAt: Timestamp | null;
};

/** A timestamp as the driver returns it (ISO text, with or without a zone: stored as UTC). */
function toDate(value: Timestamp): Date {
  if (typeof value !== "string") return new Date(value);
  return new Date(/(Z|[+-]\d\d:?\d\d)$/i.test(value) ? value : `${value.replace(" ", "T")}Z`);
}

/** Why a secret grants nothing: unknown (or the wrong kind), or the session's state. */
export type SessionRefusal = "invalid_token" | Exclude<SessionState, "active">;
export type SessionLookup = { session: ActiveSession } | { session: null; reason: SessionRefusal };

/** The session a secret names if it still grants access (see {@link lookupSession}), else null. */
export async function findActiveSession(args: {
  db: Db;
  secret: unknown;
  kind?: SessionKind;
  now?: Date;
}): Promise<ActiveSession | null> {
  return (await lookupSession(args)).session;
}

/**
 * The session a secret names, if it still grants access: one indexed lookup, no cache, so a
 * revocation on any instance holds on the next request everywhere. A session found past its
 * lifetime or idle timeout is ended (and audited) once, here. Only a session of `kind` counts: a
 * terminal's token is no cookie, and a browser's secret is no bearer token.
 */
export async function lookupSession({
  db,
  secret,
  kind = "browser",
  now = new Date(),
}: {
  db: Db;
  secret: unknown;
  kind?: SessionKind;
  now?: Date;
}): Promise<SessionLookup> {
  if (!isSessionSecret(secret)) return { session: null, reason: "invalid_token" };
  const id = hashSessionSecret(secret);
  // One plain statement on every request's path (the ORM's include costs a second query and its
  // planning; npm run bench).
  const [found] = await queryRows<SessionRow>(
    db,
    Prisma.sql`
    SELECT s."userId", s."kind", s."idp", s."groups", s."groupsCheckedAt", s."authenticatedAt", s."idpAuthenticatedAt", s."lastSeenAt", s."expiresAt", s."revokedAt", s."revokeReason", u."email", u."name", u."username", u."preferredRegion", u."suspendedAt"
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
  if (!row || row.kind !== kind) return { session: null, reason: "invalid_token" };
  const env = getEnv();
  const state = evaluateSession(
    { ...row, suspendedAt: row.user.suspendedAt },
    { now, idleSeconds: env.AIRLOCK_SESSION_IDLE_TIMEOUT },
  );
  if (state === "expired" || state === "idle") await endSession({ db, id, reason: state, user: row, now });
  if (state !== "active") return { session: null, reason: refusalOf(state, row.revokeReason) };
  if (needsTouch(row.lastSeenAt, now))
    await db.session.updateMany({ where: { id, lastSeenAt: row.lastSeenAt }, data: { lastSeenAt: now } });
  const session: ActiveSession = {
    id,
    kind: row.kind,
    idp: row.idp,
    groups: parseGroups(JSON.parse(row.groups)),
    groupsCheckedAt: row.groupsCheckedAt,
    hasFreshGroups: hasFreshGroups(row.groupsCheckedAt, { now, maxAgeSeconds: env.AIRLOCK_GROUPS_MAX_AGE }),
    authenticatedAt: row.authenticatedAt,
    idpAuthenticatedAt: found.idpAuthenticatedAt === null ? null : toDate(found.idpAuthenticatedAt),
    expiresAt: row.expiresAt,
    // The preferred console region rides along (the default region of issued credentials): no second query.
    user: {
      id: row.userId,
      email: row.email,
      name: row.name,
      username: row.username,
      preferredRegion: row.preferredRegion,
    },
  };
  return { session };
}

/** A session ended here for running out reads as such later too, not as revoked by someone. */
function refusalOf(state: Exclude<SessionState, "active">, revokeReason: string | null): SessionRefusal {
  if (state !== "revoked") return state;
  return ENDED_REASONS[revokeReason ?? ""] ?? "revoked";
}

const ENDED_REASONS: Record<string, SessionRefusal> = { "idle timeout": "idle", "lifetime ended": "expired" };

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
