import type { z } from "zod";

/** How people (and the API's callers) know each request field: a word, then the field's own name. */
const fieldLabels: Record<string, string> = {
  accountId: "The account id (accountId)",
  roleName: "The role name (roleName)",
  region: "The region (region)",
  destination: "The console page (destination)",
  durationSeconds: "The duration (durationSeconds)",
};

/**
 * One sentence per problem, without zod's paths and codes: a missing field is named in words,
 * and a field's own message (each schema writes full sentences) is kept as it is. Pure.
 */
export function describeInputIssues(error: z.ZodError, input: unknown): string {
  const given = typeof input === "object" && input !== null ? (input as Record<string, unknown>) : {};
  const sentences = error.issues.map((issue) => {
    const field = String(issue.path[0] ?? "");
    const label = fieldLabels[field] ?? (field ? `The field ${field}` : "The request");
    if (!field) return `${label} must be a JSON object naming accountId and roleName.`;
    if (given[field] === undefined || given[field] === "") return `${label} is missing.`;
    if (issue.code === "invalid_type") return `${label} has the wrong type.`;
    return issue.message.charAt(0).toUpperCase() + issue.message.slice(1);
  });
  return [...new Set(sentences)].join(" ");
}
