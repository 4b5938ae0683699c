import { sendRaw } from "../api";
import { clearCredentialCache } from "../creds-cache";
import { CliError } from "../errors";
import { forgetSession, readSession } from "../session-store";

// airlock logout: revokes the terminal session on the server, then forgets it and every cached credential.
export async function runLogout(): Promise<void> {
  const stored = readSession();
  if (!stored.token || !stored.url) {
    clearCredentialCache();
    process.stderr.write("Not signed in; nothing to do.\n");
    return;
  }
  const url = stored.url;
  let revoked = true;
  try {
    const answer = await sendRaw({ url, token: stored.token }, { method: "POST", path: "/api/device/logout" });
    // 401: the session had already ended on the server.
    revoked = answer.status < 300 || answer.status === 401;
  } catch {
    revoked = false;
  }
  forgetSession(url);
  clearCredentialCache();
  if (!revoked)
    throw new CliError(
      "unreachable",
      `Signed out here, but Airlock at ${url} could not be told: end this terminal session on ${url}/sessions.`,
    );
  process.stderr.write(`Signed out of ${url}.\n`);
}
