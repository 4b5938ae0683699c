import type { IssuedSession } from "./sessions";

const esc = (v: string) => v.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

function page(title: string, body: string): string {
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>${esc(title)}</title><style>body{font-family:system-ui,sans-serif;margin:0;background:#f2f3f3;color:#16191f}header{background:#232f3e;color:#fff;padding:12px 20px;font-weight:600}main{max-width:760px;margin:24px auto;background:#fff;padding:24px;border-radius:8px}dt{font-weight:600;margin-top:12px}dd{margin:4px 0 0;font-family:ui-monospace,monospace;word-break:break-all}</style></head><body><header>AWS Management Console (local emulator)</header><main>${body}</main></body></html>`;
}

/** The emulator's console landing page: who is signed in, as AWS would show it. */
export function renderConsolePage(
  entry: { session: IssuedSession; destination: string; expires: number } | undefined,
): string {
  if (!entry)
    return page("Not signed in", `<h1>You are not signed in</h1><p>Sign in through your organisation's portal.</p>`);
  const { session, destination, expires } = entry;
  const tags =
    Object.entries(session.tags)
      .map(([k, v]) => `${esc(k)}=${esc(v)}`)
      .join(", ") || "none";
  return page(
    `Console Home - ${session.roleName}`,
    `<h1>Console Home</h1><p>Signed in as <strong data-testid="session-identity">${esc(session.roleName)}/${esc(session.sessionName)}</strong> in account <strong>${session.accountId}</strong></p><dl>` +
      `<dt>Assumed role ARN</dt><dd data-testid="assumed-role-arn">${esc(session.assumedRoleArn)}</dd>` +
      `<dt>Session name</dt><dd data-testid="session-name">${esc(session.sessionName)}</dd>` +
      `<dt>Source identity</dt><dd data-testid="source-identity">${esc(session.sourceIdentity ?? "none")}</dd>` +
      `<dt>Session tags</dt><dd data-testid="session-tags">${tags}</dd>` +
      `<dt>Console session expires</dt><dd data-testid="expires">${new Date(expires).toISOString()}</dd>` +
      `<dt>Requested destination</dt><dd data-testid="destination">${esc(destination)}</dd></dl>`,
  );
}

export function renderMessagePage(title: string, message: string): string {
  return page(title, `<h1>${esc(title)}</h1><p>${esc(message)}</p>`);
}
