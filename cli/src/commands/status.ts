import { fetchEntitlements, type Entitlements } from "../entitlements";
import { CliError } from "../errors";
import { requireSession } from "../session-store";

// airlock status: who this terminal is signed in as, until when, and how many roles that gives.
export async function runStatus(): Promise<void> {
  const session = requireSession();
  let entitlements: Entitlements;
  try {
    entitlements = await fetchEntitlements(session);
  } catch (error) {
    // Still signed in: the next command that needs the groups re-checks them in the browser.
    if (!(error instanceof CliError) || error.kind !== "groups_stale") throw error;
    process.stdout.write(
      `Signed in to ${session.url} as ${session.user.email}, until ${new Date(session.expiresAt).toLocaleString()}.\n` +
        `Your groups are due for a re-check with your identity provider: the next command opens ${session.url}${error.refreshPath ?? "/"} in your browser.\n`,
    );
    return;
  }
  const who = entitlements.user.name
    ? `${entitlements.user.name} <${entitlements.user.email}>`
    : entitlements.user.email;
  const ends = new Date(entitlements.session.expiresAt || session.expiresAt);
  process.stdout.write(
    [
      `Signed in to ${session.url} as ${who}.`,
      `Session ends ${ends.toLocaleString()} (or after ${Math.round(entitlements.session.idleTimeoutSeconds / 60)} minutes unused).`,
      `${entitlements.roles.length} role${entitlements.roles.length === 1 ? "" : "s"} available; \`airlock ls\` lists them.`,
      "",
    ].join("\n"),
  );
}
