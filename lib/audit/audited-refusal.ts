import "server-only";
import { recordAuditEvent, type AuditEventInput } from "@/lib/audit/record";
import type { DbClient } from "@/lib/db/client";
import { isAppError, type ErrorCode } from "@/lib/errors";

/**
 * Runs one check of a request; when it refuses with the AppError `code`, the refusal is recorded
 * (as `outcome`, `reason`) before the error goes on to the caller, so refused attempts are on
 * record too. Other errors pass through unrecorded (they are not a decision about the person).
 */
export async function auditedRefusal<T>({
  db,
  event,
  code,
  outcome,
  reason,
  check,
}: {
  db: DbClient;
  event: Omit<AuditEventInput, "outcome" | "reason">;
  code: ErrorCode;
  outcome: "denied" | "failure";
  reason: string;
  check: () => T | Promise<T>;
}): Promise<T> {
  try {
    return await check();
  } catch (error) {
    if (isAppError(error) && error.code === code) {
      const details = { ...event.details, ...(code === "invalid_input" ? { message: error.message } : {}) };
      await recordAuditEvent({
        db,
        event: { ...event, outcome, reason, ...(Object.keys(details).length ? { details } : {}) },
      });
    }
    throw error;
  }
}
