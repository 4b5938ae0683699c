import { z } from "zod";

/** Validation of accounts, roles and mappings in the terms an admin would use. Pure. */

export const partitions = ["aws", "aws-us-gov", "aws-cn"] as const;
export type Partition = (typeof partitions)[number];

export const MIN_SESSION_SECONDS = 900;
export const MAX_SESSION_SECONDS = 43_200;
/** The session issued when neither the person nor the role's guardrails say otherwise. */
export const DEFAULT_SESSION_SECONDS = 3600;

export const accountIdSchema = z
  .string()
  .trim()
  .regex(/^\d{12}$/, "An AWS account id is exactly 12 digits, for example 123456789012.");

const sessionSecondsSchema = z
  .number()
  .int("Session durations are whole seconds.")
  .min(MIN_SESSION_SECONDS, "Session durations are at least 15 minutes (900 seconds).")
  .max(MAX_SESSION_SECONDS, "Session durations are at most 12 hours (43200 seconds).");

// Control characters (tabs and line breaks included), line and paragraph separators and bidi
// overrides: in a name they would break the lines of the generated Terraform and CloudFormation,
// the audit log and its CSV, or make text read differently from what is stored.
const controlCharacters = /[\p{Cc}\p{Zl}\p{Zp}\u202a-\u202e\u2066-\u2069]/u;
const controlCharactersMessage = "Write it on one line, without control characters (such as line breaks or tabs).";

/** Trimmed, one-line text of at most `max` characters. */
export const plainTextSchema = (max: number, tooLong = `At most ${max} characters.`) =>
  z
    .string()
    .trim()
    .max(max, tooLong)
    .refine((s) => !controlCharacters.test(s), controlCharactersMessage);

const optionalText = (max: number) =>
  plainTextSchema(max)
    .transform((s) => s || null)
    .nullish();

export const accountInputSchema = z.object({
  id: accountIdSchema,
  name: plainTextSchema(64, "Account names are at most 64 characters.").min(1, "An account needs a name."),
  environment: z
    .string()
    .trim()
    .toLowerCase()
    .regex(
      /^[a-z0-9][a-z0-9-]{0,31}$/,
      "Environment labels are 1-32 lowercase letters, digits or '-', such as prod, staging or dev.",
    ),
  partition: z.enum(partitions, "The partition is one of aws, aws-us-gov or aws-cn.").default("aws"),
  description: optionalText(500),
  owner: optionalText(200),
});
export type AccountInput = z.input<typeof accountInputSchema>;

// IAM: role names are 1-64 of [\w+=,.@-]; paths are "/" or "/a/b/" of printable ASCII, up to 512.
export const roleNameSchema = z
  .string()
  .trim()
  .regex(/^[\w+=,.@-]{1,64}$/, "IAM role names are 1-64 letters, digits or any of + = , . @ _ -.");

export const rolePathSchema = z
  .string()
  .trim()
  .max(512, "IAM role paths are at most 512 characters.")
  .regex(/^\/([\x21-\x2e\x30-\x7e]+\/)*$/, "IAM role paths start and end with '/', such as / or /team/.")
  .default("/");

export const samlProviderNameSchema = z
  .string()
  .trim()
  .regex(/^[\w.-]{1,128}$/, "IAM SAML provider names are 1-128 letters, digits, '.', '_' or '-'.");

/** A role's guardrails, checked against its maximum: the limit within 900..max, the default within 900..limit. */
export function checkRoleGuardrails(
  role: { maxSessionDuration: number; sessionDurationLimit?: number | null; defaultSessionDuration?: number | null },
  ctx: z.RefinementCtx,
): void {
  const limit = role.sessionDurationLimit ?? role.maxSessionDuration;
  if (role.sessionDurationLimit != null && role.sessionDurationLimit > role.maxSessionDuration)
    ctx.addIssue({
      code: "custom",
      path: ["sessionDurationLimit"],
      message: "The session limit cannot be longer than the role's maximum session; lower it or raise the maximum.",
    });
  if (role.defaultSessionDuration != null && role.defaultSessionDuration > limit)
    ctx.addIssue({
      code: "custom",
      path: ["defaultSessionDuration"],
      message: "The default session cannot be longer than the session limit (or the role's maximum); shorten it.",
    });
}

/** Step-up window: a minute to a day. */
export const MAX_STEP_UP_MINUTES = 1440;
export const stepUpMinutesSchema = z
  .number("Step-up is a number of minutes")
  .int("Step-up is a whole number of minutes")
  .min(1, "Step-up is at least 1 minute.")
  .max(MAX_STEP_UP_MINUTES, `Step-up is at most ${MAX_STEP_UP_MINUTES} minutes (a day).`);

export const roleInputSchema = z
  .object({
    accountId: accountIdSchema,
    name: roleNameSchema,
    path: rolePathSchema,
    description: optionalText(500),
    maxSessionDuration: sessionSecondsSchema.default(3600),
    samlProviderName: samlProviderNameSchema.nullish(),
    /** Guardrails: a reason for every issuance, and Airlock's own default and limit on sessions. */
    requireReason: z.boolean().default(false),
    defaultSessionDuration: sessionSecondsSchema.nullish(),
    sessionDurationLimit: sessionSecondsSchema.nullish(),
    /** Guardrail: read-only sessions (AIRLOCK_READ_ONLY_POLICY) unless the person asks for write. */
    readOnlyFirst: z.boolean().default(false),
    /** Guardrail: an IdP authentication within this many minutes before any issuance. */
    stepUpMinutes: stepUpMinutesSchema.nullish(),
    /** Requests for the role need this many approvals, from different approvers. */
    approvalsRequired: z
      .number()
      .int()
      .min(1, "A request needs at least one approval.")
      .max(2, "A request needs at most two approvals.")
      .default(1),
  })
  .superRefine(checkRoleGuardrails);
export type RoleInput = z.input<typeof roleInputSchema>;

export const groupNameSchema = plainTextSchema(256, "Group names are at most 256 characters.").min(
  1,
  "A group name is required.",
);

export const mappingKinds = ["standing", "eligible"] as const;
export type MappingKind = (typeof mappingKinds)[number];

/** The shortest and longest grant a request may ask for (an eligible mapping's limit is within). */
export const MIN_GRANT_SECONDS = 900;
export const MAX_GRANT_SECONDS = 7 * 24 * 3600;

export const grantSecondsSchema = z
  .number()
  .int("Grant lengths are whole seconds.")
  .min(MIN_GRANT_SECONDS, "Grants last at least 15 minutes (900 seconds).")
  .max(MAX_GRANT_SECONDS, "Grants last at most 7 days (604800 seconds).");

export const groupMappingInputSchema = z
  .object({
    group: groupNameSchema,
    roleId: z.string().min(1, "A mapping needs a role."),
    maxDurationSeconds: sessionSecondsSchema.nullish(),
    /** standing: members have the role. eligible: members may request it, approved by `approverGroup`. */
    kind: z.enum(mappingKinds, "A mapping is standing or eligible.").default("standing"),
    /** Eligible: who approves requests; none means Airlock's admins. */
    approverGroup: groupNameSchema.nullish(),
    /** Eligible: the longest grant a request may ask for. */
    maxGrantSeconds: grantSecondsSchema.nullish(),
  })
  .superRefine((mapping, ctx) => {
    if (mapping.kind === "standing" && (mapping.approverGroup || mapping.maxGrantSeconds != null))
      ctx.addIssue({
        code: "custom",
        path: ["kind"],
        message:
          "Approvers and a grant limit apply to eligible mappings only; make the mapping eligible or clear them.",
      });
  });
export type GroupMappingInput = z.input<typeof groupMappingInputSchema>;

/** One human-readable sentence per problem, naming the field. */
export function formatIssues(error: z.ZodError): string {
  return error.issues
    .map((issue) => (issue.path.length ? `${issue.path.join(".")}: ${issue.message}` : issue.message))
    .join(" ");
}

/** The problems as sentences an admin reads (each message already names what it is about). */
export function describeIssues(error: z.ZodError): string {
  return [...new Set(error.issues.map((issue) => issue.message))].join(" ");
}

/** The first problem of each top-level field, by field name (the name of its form input). */
export function listFieldErrors(error: z.ZodError): Record<string, string> {
  const errors: Record<string, string> = {};
  for (const issue of error.issues) {
    const name = String(issue.path[0] ?? "");
    if (name && !(name in errors)) errors[name] = issue.message;
  }
  return errors;
}
