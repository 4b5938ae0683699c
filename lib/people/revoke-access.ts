import "server-only";
import { recordAuditEvent } from "@/lib/audit/record";
import type { Db } from "@/lib/db/client";
import { AppError } from "@/lib/errors";
import { revokeSessions } from "@/lib/sessions/revoke-sessions";

type Admin = { id: string; email: string };

/** Every user row of one person: one per IdP they signed in through, all with the same email. */
export async function listUserIdsOf({ db, email }: { db: Db; email: string }): Promise<string[]> {
  const rows = await db.user.findMany({ where: { email }, select: { id: true } });
  return rows.map((r) => r.id);
}

/**
 * An admin's "revoke access": ends every Airlock session of the person at once (browser and
 * terminal), so nothing more is issued until they sign in again with groups that still entitle
 * them; with `suspend`, not even then, until an admin lifts it. Credentials AWS already issued stay
 * valid until they expire: the admin applies the generated deny for those (Airlock holds no AWS keys).
 */
export async function revokeAccess({
  db,
  admin,
  userId,
  reason,
  suspend,
  now = new Date(),
}: {
  db: Db;
  admin: Admin;
  userId: string;
  reason: string;
  suspend: boolean;
  now?: Date;
}): Promise<{ sessionsEnded: number; email: string }> {
  if (userId === admin.id) throw new AppError("invalid_input", "You cannot revoke your own access here.");
  const person = await db.user.findUnique({ where: { id: userId }, select: { email: true } });
  if (!person) throw new AppError("not_found", "Nobody with that id has signed in to Airlock.");
  // The person, whichever IdP they signed in through: every user row with their email.
  const ids = await listUserIdsOf({ db, email: person.email });
  if (ids.includes(admin.id)) throw new AppError("invalid_input", "You cannot revoke your own access here.");
  if (suspend)
    await db.user.updateMany({
      where: { id: { in: ids } },
      data: { suspendedAt: now, suspendedBy: admin.email, suspendReason: reason },
    });
  let sessionsEnded = 0;
  for (const id of ids)
    sessionsEnded += await revokeSessions({ db, userId: id, by: admin, reason: `access revoked: ${reason}`, now });
  await recordAuditEvent({
    db,
    event: {
      action: "access.revoke",
      outcome: "success",
      reason,
      userId: admin.id,
      actor: admin.email,
      details: { subjectUserId: userId, subjectUserIds: ids, subject: person.email, suspended: suspend, sessionsEnded },
    },
  });
  return { sessionsEnded, email: person.email };
}

/** Lifts a suspension: the person may sign in again (their sessions stay ended). */
export async function liftSuspension({ db, admin, userId }: { db: Db; admin: Admin; userId: string }): Promise<string> {
  const person = await db.user.findUnique({ where: { id: userId }, select: { email: true } });
  if (!person) throw new AppError("not_found", "Nobody with that id has signed in to Airlock.");
  const { count } = await db.user.updateMany({
    where: { email: person.email, suspendedAt: { not: null } },
    data: { suspendedAt: null, suspendedBy: null, suspendReason: null },
  });
  if (count === 0) throw new AppError("conflict", `${person.email} is not suspended.`);
  await recordAuditEvent({
    db,
    event: {
      action: "access.unsuspend",
      outcome: "success",
      userId: admin.id,
      actor: admin.email,
      details: { subjectUserId: userId, subject: person.email },
    },
  });
  return person.email;
}
