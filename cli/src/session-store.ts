import { readFileSync } from "node:fs";
import path from "node:path";
import { CliError } from "./errors";
import { normalizePortalUrl } from "./portal-url";
import { sessionFile } from "./paths";
import { readOptionalFile, writePrivateFile } from "./private-file";

/** ~/.airlock/session.json: `{url, token, user, expiresAt}`; after logout only `{url}` remains. */

export type StoredSession = {
  url: string;
  token: string;
  user: { email: string; name: string | null };
  expiresAt: string;
};

type StoredFile = { url?: string } & Partial<StoredSession>;

function readStored(): StoredFile {
  const text = readOptionalFile(sessionFile());
  if (!text) return {};
  try {
    const value: unknown = JSON.parse(text);
    return value && typeof value === "object" ? (value as StoredFile) : {};
  } catch {
    return {};
  }
}

export function saveSession(session: StoredSession): void {
  writePrivateFile(sessionFile(), `${JSON.stringify(session, null, 2)}\n`);
}

/** Forgets the token and who it belonged to, keeping the portal's URL for the next login. */
export function forgetSession(url: string): void {
  writePrivateFile(sessionFile(), `${JSON.stringify({ url }, null, 2)}\n`);
}

/** The URL this package was downloaded from, written into its package.json by the portal. */
function packagedUrl(): string | undefined {
  try {
    const pkg = JSON.parse(readFileSync(path.join(__dirname, "package.json"), "utf8")) as {
      airlock?: { url?: unknown };
    };
    return typeof pkg.airlock?.url === "string" ? pkg.airlock.url : undefined;
  } catch {
    return undefined;
  }
}

/** Which portal to talk to: --url, then AIRLOCK_URL, then the remembered one, then the one this CLI came from. */
export function resolvePortalUrl(flag: string | undefined, env: NodeJS.ProcessEnv = process.env): string {
  const candidate = flag ?? (env.AIRLOCK_URL?.trim() || undefined) ?? readStored().url ?? packagedUrl();
  if (!candidate)
    throw new CliError(
      "usage",
      "Which Airlock? Run `airlock login --url https://airlock.example.com` (or set AIRLOCK_URL).",
    );
  return normalizePortalUrl(candidate);
}

/** The signed-in session for the portal in use, or a `not_logged_in` error saying to log in. */
export function requireSession(env: NodeJS.ProcessEnv = process.env): StoredSession {
  const stored = readStored();
  const url = resolvePortalUrl(undefined, env);
  if (!stored.token || !stored.url || normalizePortalUrl(stored.url) !== url)
    throw new CliError("not_logged_in", `You are not signed in to ${url}. Run \`airlock login\`.`);
  if (stored.expiresAt && Date.parse(stored.expiresAt) <= Date.now())
    throw new CliError(
      "session_ended",
      "Your Airlock session has reached its end time. Run `airlock login` to sign in again.",
    );
  return {
    url,
    token: stored.token,
    user: stored.user ?? { email: "", name: null },
    expiresAt: stored.expiresAt ?? "",
  };
}

/** The stored session without checks (for logout and status). */
export function readSession(): Partial<StoredSession> {
  return readStored();
}
