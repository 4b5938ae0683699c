import "server-only";
import { randomBytes } from "node:crypto";
import type { DbClient } from "@/lib/db/client";
import { execute } from "@/lib/db/direct-sql";
import { Prisma } from "@/lib/db/generated/sqlite";
import { AppError } from "@/lib/errors";
import { log } from "@/lib/log";

export type AuditOutcome = "success" | "failure" | "denied";

export type AuditEventInput = {
  action: string;
  outcome: AuditOutcome;
  reason?: string;
  userId?: string;
  actor?: string;
  accountId?: string;
  roleName?: string;
  accessKeyId?: string;
  clientIp?: string;
  userAgent?: string;
  details?: Record<string, unknown>;
};

let sequence = 0;

/** Ids that sort in insertion order within a process, so the log's tiebreak on id is stable. */
function auditEventId(now: Date): string {
  sequence = (sequence + 1) % 36 ** 4;
  return `a${now.getTime().toString(36).padStart(9, "0")}${sequence.toString(36).padStart(4, "0")}${randomBytes(6).toString("hex")}`;
}

/**
 * Appends an audit event. Fails closed: when the trail cannot be written, the caller's action
 * fails too, so nothing Airlock does goes unrecorded.
 */
export async function recordAuditEvent({ db, event }: { db: DbClient; event: AuditEventInput }): Promise<void> {
  const e = event;
  const now = new Date();
  try {
    // One plain INSERT (SQLite and PostgreSQL alike): every issuance writes one, and the ORM's
    // create costs about twice the CPU of the statement itself (npm run bench).
    await execute(
      db,
      Prisma.sql`
      INSERT INTO "AuditEvent" ("id", "createdAt", "action", "outcome", "reason", "userId", "actor", "accountId", "roleName", "accessKeyId", "clientIp", "userAgent", "details")
      VALUES (${auditEventId(now)}, ${now}, ${e.action}, ${e.outcome}, ${e.reason ?? null}, ${e.userId ?? null}, ${e.actor ?? null}, ${e.accountId ?? null}, ${e.roleName ?? null}, ${e.accessKeyId ?? null}, ${e.clientIp ?? null}, ${e.userAgent?.slice(0, 512) ?? null}, ${e.details ? JSON.stringify(e.details) : null})`,
    );
  } catch (error) {
    log.error("audit_write_failed", { action: event.action, error });
    throw new AppError(
      "unavailable",
      "Airlock cannot write its audit log right now, so it did not go ahead. Try again in a moment.",
    );
  }
  log.info("audit", {
    action: event.action,
    outcome: event.outcome,
    reason: event.reason,
    actor: event.actor,
    accountId: event.accountId,
    roleName: event.roleName,
    accessKeyId: event.accessKeyId,
  });
}
