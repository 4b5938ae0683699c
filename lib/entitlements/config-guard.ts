import { createHash } from "node:crypto";
import type { Change } from "@/lib/entitlements/config-plan";
import type { FlatConfig } from "@/lib/entitlements/config-schema";
import { AppError } from "@/lib/errors";

/**
 * What stands between a config file and the database. Pure. A plan is applied only as it was
 * reviewed: the digest binds the reviewed text to the database state it was planned against, and a
 * plan that deletes accounts or production mappings needs its confirmation phrase typed.
 */

export type ApplyGuard =
  /** The admin console: apply exactly the plan shown for `text`, with the phrase typed if one was asked. */
  | { kind: "reviewed"; text: string; digest: string; confirmation?: string }
  /** The command line: refuses a plan that deletes every account unless asked to (--allow-delete-all). */
  | { kind: "cli"; allowDeleteAll: boolean };

const sortedEntries = <T>(map: Map<string, T>) => [...map.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));

/** A digest over the exact text and the database state a plan was computed from. */
export function digestPlan({ text, current }: { text: string; current: FlatConfig }): string {
  const state = [sortedEntries(current.accounts), sortedEntries(current.roles), sortedEntries(current.mappings)];
  return createHash("sha256")
    .update(JSON.stringify([text, state]))
    .digest("hex");
}

/** Production, as the portal marks it: an environment label starting with "prod". */
export function isProductionEnvironment(environment: string): boolean {
  return /^prod/i.test(environment);
}

const plural = (n: number, noun: string) => `${n} ${noun}${n === 1 ? "" : "s"}`;

/** The phrase to type before applying `changes`, or null when the plan deletes nothing that needs it. */
export function buildConfirmationPhrase(changes: Change[], current: FlatConfig): string | null {
  const accounts = changes.filter((c) => c.entity === "account" && c.kind === "delete").length;
  const production = changes.filter(
    (c) =>
      c.entity === "mapping" &&
      c.kind === "delete" &&
      isProductionEnvironment(current.accounts.get(c.before?.accountId ?? "")?.environment ?? ""),
  ).length;
  const parts = [accounts && plural(accounts, "account"), production && plural(production, "production mapping")];
  const what = parts.filter(Boolean).join(" and ");
  return what ? `delete ${what}` : null;
}

/** Whether `changes` delete every account there is. */
export function deletesEveryAccount(changes: Change[], current: FlatConfig): boolean {
  const deleted = changes.filter((c) => c.entity === "account" && c.kind === "delete").length;
  return current.accounts.size > 0 && deleted === current.accounts.size;
}

/** Throws unless `guard` lets `changes` (planned against `current`) be applied. */
export function assertPlanAllowed({
  changes,
  current,
  guard,
}: {
  changes: Change[];
  current: FlatConfig;
  guard: ApplyGuard;
}): void {
  if (guard.kind === "cli") {
    if (!guard.allowDeleteAll && deletesEveryAccount(changes, current))
      throw new AppError(
        "invalid_input",
        `This file deletes every account (${plural(current.accounts.size, "account")}); nothing was changed. If that is what you mean, run apply again with --allow-delete-all.`,
      );
    return;
  }
  if (digestPlan({ text: guard.text, current }) !== guard.digest)
    throw new AppError(
      "conflict",
      "The entitlements changed since this dry run, or the text did; nothing was applied. Run the dry run again and review the new plan.",
    );
  const phrase = buildConfirmationPhrase(changes, current);
  if (phrase && guard.confirmation?.trim() !== phrase)
    throw new AppError("invalid_input", `This plan deletes data; type "${phrase}" to apply it. Nothing was applied.`);
}
