import { z } from "zod";
import { accountIdSchema, grantSecondsSchema, plainTextSchema, roleNameSchema } from "@/lib/entitlements/schemas";
import { MAX_REASON_LENGTH } from "@/lib/entitlements/reason";

/** What a person sends to request a role, and what an approver sends to decide. Pure. */

export const MAX_TICKET_LENGTH = 64;
export const MAX_COMMENT_LENGTH = 500;

/** The approvers of a request, as stored on it: groups, and whether Airlock's admins approve too. */
export const approversSchema = z.object({ groups: z.array(z.string()), admins: z.boolean() });
export type Approvers = z.output<typeof approversSchema>;

/** A ticket reference: one line, and when `pattern` is set, matching it in full. */
export function ticketSchema(pattern?: string) {
  const base = plainTextSchema(MAX_TICKET_LENGTH, `A ticket reference is at most ${MAX_TICKET_LENGTH} characters.`);
  const full = pattern ? new RegExp(`^(?:${pattern})$`, "u") : undefined;
  return base
    .refine((ticket) => !ticket || !full || full.test(ticket), {
      message: `The ticket reference does not look like one of your organisation's tickets (it must match ${pattern}).`,
    })
    .transform((ticket) => ticket || undefined)
    .optional();
}

export function accessRequestInputSchema({ ticketPattern }: { ticketPattern?: string }) {
  return z.object({
    accountId: accountIdSchema,
    roleName: roleNameSchema,
    reason: plainTextSchema(
      MAX_REASON_LENGTH,
      `A reason is at most ${MAX_REASON_LENGTH} characters; shorten it (a ticket reference and a few words do).`,
    ).min(1, "Say why you need this access."),
    ticket: ticketSchema(ticketPattern),
    durationSeconds: z.coerce.number().pipe(grantSecondsSchema),
  });
}
export type AccessRequestInput = z.input<ReturnType<typeof accessRequestInputSchema>>;

export const decisionInputSchema = z.object({
  requestId: z.string().min(1).max(64),
  decision: z.enum(["approve", "deny"], "Approve or deny."),
  comment: plainTextSchema(MAX_COMMENT_LENGTH, `A comment is at most ${MAX_COMMENT_LENGTH} characters.`)
    .transform((comment) => comment || undefined)
    .optional(),
});
export type DecisionInput = z.input<typeof decisionInputSchema>;

/** Grant lengths the request form offers, up to the mapping's limit (which is always among them). */
export function grantPresets(maxGrantSeconds: number): number[] {
  const presets = [900, 1800, 3600, 2 * 3600, 4 * 3600, 8 * 3600, 24 * 3600, 3 * 24 * 3600, 7 * 24 * 3600].filter(
    (s) => s < maxGrantSeconds,
  );
  return [...presets, maxGrantSeconds];
}
