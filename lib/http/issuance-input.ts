import { z } from "zod";
import { consoleDestinationRule, isConsoleDestination } from "@/lib/aws/console-destination";
import { awsRegionNameSchema } from "@/lib/aws/region-name";
import { accessSchema } from "@/lib/entitlements/read-only-first";
import { reasonSchema } from "@/lib/entitlements/reason";
import { accountIdSchema, roleNameSchema } from "@/lib/entitlements/schemas";
import { AppError } from "@/lib/errors";
import { describeInputIssues } from "@/lib/federation/describe-input-issues";

/**
 * What callers of issuance send over HTTP (POST /api/credentials, GET /api/console, the /go page
 * and its action), checked at that edge: every field's problem is a sentence the person can act on.
 * Built once at module load, never per request. Pure.
 */

export const consoleOptionsSchema = z.object({
  region: awsRegionNameSchema.optional(),
  destination: z.string().refine(isConsoleDestination, consoleDestinationRule).optional(),
});

export const credentialsRequestSchema = z.object({
  accountId: accountIdSchema,
  roleName: roleNameSchema,
  durationSeconds: z.number().int().min(1).max(43_200).optional(),
  /** The region the formats carry; default: the person's console region, else the deployment's. */
  region: awsRegionNameSchema.optional(),
  /** Why the person needs the access: required by some roles, audited and sent to AWS as a session tag. */
  reason: reasonSchema,
  /** Read-only or write: a read-only-first role issues read-only unless `write` is asked for. */
  access: accessSchema,
});

export const consoleRequestSchema = consoleOptionsSchema.extend({
  accountId: accountIdSchema,
  roleName: roleNameSchema,
  reason: reasonSchema,
  access: accessSchema,
});

export type CredentialsInput = z.output<typeof credentialsRequestSchema>;
export type ConsoleInput = z.output<typeof consoleRequestSchema>;

/** The kinds of issuance and the audit action each is recorded under. */
export const issuanceSchemas = {
  "credentials.issue": credentialsRequestSchema,
  "console.signin": consoleRequestSchema,
} as const;
export type IssuanceAction = keyof typeof issuanceSchemas;
export type IssuanceInput<A extends IssuanceAction> = z.output<(typeof issuanceSchemas)[A]>;

/** The request's fields for `action`, or `invalid_input` with one sentence per problem. */
export function parseIssuanceInput<A extends IssuanceAction>(action: A, input: unknown): IssuanceInput<A> {
  const parsed = issuanceSchemas[action].safeParse(input);
  if (!parsed.success) throw new AppError("invalid_input", describeInputIssues(parsed.error, input));
  return parsed.data as IssuanceInput<A>;
}
