import "server-only";
import { logAuditEvent, recordAuditEvent, type AuditEventInput } from "@/lib/audit/record";
import type { DbClient } from "@/lib/db/client";
import { execute } from "@/lib/db/direct-sql";
import { Prisma } from "@/lib/db/generated/sqlite";
import { log } from "@/lib/log";

/**
 * Every issuance is on record before AWS is asked: the attempt is written as a `pending` audit row
 * (who, which role in which account, from where, which kind), then completed with what STS
 * answered. When the attempt cannot be written, the issuance stops there (503, Retry-After) and
 * STS is never called. When the completion cannot be written, the row stays `pending`, which the
 * audit log reads as "issued or not; completion could not be recorded", and the log line
 * `audit_write_failed` carries the access key id, the attempt id and who (never a secret).
 */

export type IssuanceAttempt = { id: string; event: Omit<AuditEventInput, "outcome"> };

export async function recordIssuanceAttempt({
  db,
  event,
}: {
  db: DbClient;
  event: Omit<AuditEventInput, "outcome" | "reason" | "accessKeyId">;
}): Promise<IssuanceAttempt> {
  const id = await recordAuditEvent({ db, event: { ...event, outcome: "pending" } });
  return { id, event };
}

export type AttemptCompletion =
  | { outcome: "success"; accessKeyId: string; details: Record<string, unknown> }
  | { outcome: "failure"; reason: string; details: Record<string, unknown> };

/**
 * Completes a pending attempt. Never throws: what STS did has happened either way, so a failed
 * write is logged with everything needed to reconcile it, and the caller carries on.
 */
export async function completeIssuanceAttempt({
  db,
  attempt,
  completion,
}: {
  db: DbClient;
  attempt: IssuanceAttempt;
  completion: AttemptCompletion;
}): Promise<boolean> {
  const accessKeyId = completion.outcome === "success" ? completion.accessKeyId : null;
  const reason = completion.outcome === "failure" ? completion.reason : null;
  const details = JSON.stringify({ ...attempt.event.details, ...completion.details });
  try {
    // Only a pending row changes: a completion can neither be written twice nor rewrite history.
    await execute(
      db,
      Prisma.sql`
      UPDATE "AuditEvent" SET "outcome" = ${completion.outcome}, "reason" = ${reason}, "accessKeyId" = ${accessKeyId}, "details" = ${details}
      WHERE "id" = ${attempt.id} AND "outcome" = 'pending'`,
    );
  } catch (error) {
    log.error("audit_write_failed", {
      stage: "completion",
      attemptId: attempt.id,
      action: attempt.event.action,
      outcome: completion.outcome,
      reason: reason ?? undefined,
      accessKeyId: accessKeyId ?? undefined,
      userId: attempt.event.userId,
      actor: attempt.event.actor,
      accountId: attempt.event.accountId,
      roleName: attempt.event.roleName,
      error,
    });
    return false;
  }
  logAuditEvent({
    ...attempt.event,
    outcome: completion.outcome,
    reason: reason ?? undefined,
    accessKeyId: accessKeyId ?? undefined,
  });
  return true;
}
