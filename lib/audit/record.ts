import "server-only";
import type { DbClient } from "@/lib/db/client";
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

/**
 * Appends an audit event. Fails closed: when the trail cannot be written, the caller's action
 * fails too, so nothing Airlock does goes unrecorded.
 */
export async function recordAuditEvent({ db, event }: { db: DbClient; event: AuditEventInput }): Promise<void> {
  const { details, ...rest } = event;
  try {
    await db.auditEvent.create({
      data: {
        ...rest,
        userAgent: rest.userAgent?.slice(0, 512),
        details: details ? JSON.stringify(details) : undefined,
      },
    });
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
