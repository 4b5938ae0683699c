import { fetchEntitlements } from "../entitlements";
import { requireSession } from "../session-store";

// airlock status: who this terminal is signed in as, until when, and how many roles that gives.
export async function runStatus(): Promise<void> {
  const session = requireSession();
  const entitlements = await fetchEntitlements(session);
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
