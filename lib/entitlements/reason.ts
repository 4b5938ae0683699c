import { AppError } from "@/lib/errors";
import type { Entitlement } from "@/lib/entitlements/entitlement";
import { plainTextSchema } from "@/lib/entitlements/schemas";

/** The reason a person gives for an issuance, and the role guardrail that requires one. Pure. */

/** At most what one AWS session tag value holds, so the audit log and CloudTrail read the same. */
export const MAX_REASON_LENGTH = 256;

/** Trimmed, one line, at most 256 characters; empty means none. */
export const reasonSchema = plainTextSchema(
  MAX_REASON_LENGTH,
  `A reason is at most ${MAX_REASON_LENGTH} characters; shorten it (a ticket reference and a few words do).`,
)
  .transform((s) => s || undefined)
  .optional();

/**
 * Throws `reason_required` when the role requires a reason for every issuance and none was given:
 * the message names the role and says what to do.
 */
export function assertReasonGiven({ entitlement, reason }: { entitlement: Entitlement; reason?: string }): void {
  if (!entitlement.requireReason || reason) return;
  throw new AppError(
    "reason_required",
    `${entitlement.account.name} / ${entitlement.roleName} requires a reason for every session. Say why you need it (for example a ticket reference) and try again.`,
    { accountId: entitlement.account.id, roleName: entitlement.roleName, fieldErrors: { reason: "Give a reason." } },
  );
}
