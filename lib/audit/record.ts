import "server-only";
import { randomBytes } from "node:crypto";
import type { DbClient } from "@/lib/db/client";
import { execute } from "@/lib/db/direct-sql";
import { Prisma } from "@/lib/db/generated/sqlite";
import { AppError } from "@/lib/errors";
import { log } from "@/lib/log";

/**
 * `pending`: an issuance recorded before Airlock asked AWS, not yet completed. One that stays
 * pending means AWS may or may not have issued access, and its completion could not be recorded
 * (lib/audit/issuance-attempt.ts).
 */
export type AuditOutcome = "success" | "failure" | "denied" | "pending";

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
 * Appends an audit event and returns its id. Fails closed: when the trail cannot be written, the
 * caller's action fails too (503 with Retry-After), so nothing Airlock does goes unrecorded.
 */
export async function recordAuditEvent({ db, event }: { db: DbClient; event: AuditEventInput }): Promise<string> {
  const e = event;
  const now = new Date();
  const id = auditEventId(now);
  try {
    // One plain INSERT (SQLite and PostgreSQL alike): every issuance writes one, and the ORM's
    // create costs about twice the CPU of the statement itself (npm run bench).
    await execute(
      db,
      Prisma.sql`
      INSERT INTO "AuditEvent" ("id", "createdAt", "action", "outcome", "reason", "userId", "actor", "accountId", "roleName", "accessKeyId", "clientIp", "userAgent", "details")
      VALUES (${id}, ${now}, ${e.action}, ${e.outcome}, ${e.reason ?? null}, ${e.userId ?? null}, ${e.actor ?? null}, ${e.accountId ?? null}, ${e.roleName ?? null}, ${e.accessKeyId ?? null}, ${e.clientIp ?? null}, ${e.userAgent?.slice(0, 512) ?? null}, ${e.details ? JSON.stringify(e.details) : null})`,
    );
  } catch (error) {
    log.error("audit_write_failed", {
      action: e.action,
      outcome: e.outcome,
      actor: e.actor,
      accountId: e.accountId,
      roleName: e.roleName,
      error,
    });
    // toErrorResponse adds Retry-After to this 503; the cause stays for the log.
    throw new AppError(
      "unavailable",
      "Airlock cannot write its audit log right now (its database is not answering), so it did not go ahead. Try again in a minute.",
      undefined,
      { cause: error },
    );
  }
  // A pending attempt is logged once, when it completes (lib/audit/issuance-attempt.ts).
  if (e.outcome !== "pending") logAuditEvent(e);
  return id;
}

/** The audit line on stdout (skipped below AIRLOCK_LOG_LEVEL=info). */
export function logAuditEvent(e: AuditEventInput): void {
  log.info("audit", {
    action: e.action,
    outcome: e.outcome,
    reason: e.reason,
    actor: e.actor,
    accountId: e.accountId,
    roleName: e.roleName,
    accessKeyId: e.accessKeyId,
  });
}
