import { fetchEntitlements } from "../entitlements";
import { isBrowserAllowed } from "../open-browser";
import { withFreshGroups } from "../fresh-groups";
import { printable } from "../printable";
import { requireSession } from "../session-store";

function formatHours(seconds: number): string {
  return seconds % 3600 === 0 ? `${seconds / 3600}h` : `${Math.round(seconds / 60)}m`;
}

// airlock ls [--json]: the accounts and roles this person can use.
export async function runLs(options: Record<string, string | boolean>): Promise<void> {
  const session = requireSession();
  const entitlements = await withFreshGroups(session, { allowBrowser: isBrowserAllowed(options) }, () =>
    fetchEntitlements(session),
  );
  if (options.json) {
    process.stdout.write(`${JSON.stringify(entitlements.roles, null, 2)}\n`);
    return;
  }
  if (entitlements.roles.length === 0) {
    process.stderr.write(
      "You have no AWS roles yet: none of your groups is mapped to one. Ask your Airlock administrators.\n",
    );
    return;
  }
  // A REASON column only when some role requires one (pass --reason to creds and console for those).
  const withReason = entitlements.roles.some((r) => r.requireReason);
  const rows = [
    ["ACCOUNT ID", "ACCOUNT", "ENVIRONMENT", "ROLE", "MAX", ...(withReason ? ["REASON"] : [])],
    ...entitlements.roles.map((r) =>
      [
        r.accountId,
        r.accountName,
        r.environment,
        r.roleName,
        formatHours(r.allowedSessionDuration),
        ...(withReason ? [r.requireReason ? "required" : ""] : []),
      ].map((cell) => printable(String(cell)).replace(/\n/g, " ")),
    ),
  ];
  const widths = rows[0].map((_, i) => Math.max(...rows.map((row) => row[i].length)));
  for (const row of rows)
    process.stdout.write(
      `${row
        .map((cell, i) => cell.padEnd(widths[i]))
        .join("  ")
        .trimEnd()}\n`,
    );
}
