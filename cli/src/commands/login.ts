import os from "node:os";
import { stringOption } from "../args";
import { clearCredentialCache } from "../creds-cache";
import { pollForToken, startDeviceAuthorization } from "../device-flow";
import { isBrowserAllowed, openBrowser } from "../open-browser";
import { sendRaw } from "../api";
import { printable } from "../printable";
import { readSession, resolvePortalUrl, saveSession } from "../session-store";

/** Ends the session this terminal held before, if any, so a new login leaves no orphan behind. */
async function revokePrevious(): Promise<void> {
  const previous = readSession();
  if (!previous.token || !previous.url) return;
  await sendRaw({ url: previous.url, token: previous.token }, { method: "POST", path: "/api/device/logout" }).catch(
    () => undefined,
  );
}

// airlock login [--url URL] [--no-browser]: the device flow, approved in the person's browser session.
export async function runLogin(options: Record<string, string | boolean>): Promise<void> {
  const url = resolvePortalUrl(stringOption(options, "url"));
  const authorization = await startDeviceAuthorization({ url }, os.hostname());
  const complete = authorization.verificationUriComplete ?? authorization.verificationUri;
  process.stderr.write(
    [
      `To sign in to ${url}, open ${authorization.verificationUri}`,
      `and check that it shows the code ${authorization.userCode}, then approve.`,
      `Direct link: ${complete}`,
      "",
    ].join("\n"),
  );
  if (isBrowserAllowed(options) && (await openBrowser(complete)))
    process.stderr.write("Opened your browser. Waiting for approval...\n");
  else process.stderr.write("Waiting for approval...\n");

  const token = await pollForToken({ url }, authorization);
  const expiresAt = new Date(Date.now() + token.expiresIn * 1000).toISOString();
  await revokePrevious();
  clearCredentialCache();
  saveSession({ url, token: token.accessToken, user: token.user, expiresAt });
  process.stderr.write(
    `Signed in to ${url} as ${printable(token.user.email) || "you"} until ${new Date(expiresAt).toLocaleString()}.\n` +
      "Next: `airlock config --write` adds a profile for each of your roles to ~/.aws/config.\n",
  );
}
