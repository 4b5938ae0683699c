import type { IncomingMessage, ServerResponse } from "node:http";
import { z } from "zod";

/** The demo identity providers' people. Passwords are the demo's, shown on the login pages. */
export type DemoPerson = {
  id: string;
  email: string;
  password: string;
  name: string;
  username: string;
  groups: string[];
};

export const demoPeople: DemoPerson[] = [
  {
    id: "alice",
    email: "alice@example.com",
    password: "alice",
    name: "Alice Example",
    username: "alice",
    groups: ["engineering"],
  },
  {
    id: "bob",
    email: "bob@example.com",
    password: "bob",
    name: "Bob Example",
    username: "bob",
    groups: ["engineering", "sre", "platform-admins"],
  },
  { id: "carol", email: "carol@example.com", password: "carol", name: "Carol Example", username: "carol", groups: [] },
  // Entitled to the large data set of `npm run db:seed-large` (2,000 roles in 300 accounts).
  {
    id: "dave",
    email: "dave@example.com",
    password: "dave",
    name: "Dave Example",
    username: "dave",
    groups: ["load-test"],
  },
];

/** Each IdP keeps its own directory, as two real IdPs would: a group change at one is not seen by the other. */
export function copyPeople(people: DemoPerson[]): DemoPerson[] {
  return people.map((p) => ({ ...p, groups: [...p.groups] }));
}

export function findPerson(email: string, password: string, people: DemoPerson[] = demoPeople): DemoPerson | undefined {
  return people.find((p) => p.email === email.trim().toLowerCase() && p.password === password);
}

const esc = (v: string) => v.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

/** The login form both demo IdPs show: a real form, labelled, with the demo people listed. */
export function renderLoginPage({
  title,
  action,
  hidden = {},
  error,
}: {
  title: string;
  action: string;
  hidden?: Record<string, string>;
  error?: string;
}): string {
  const fields = Object.entries(hidden)
    .map(([name, value]) => `<input type="hidden" name="${esc(name)}" value="${esc(value)}">`)
    .join("");
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>${esc(title)}</title>
<style>body{font-family:system-ui,sans-serif;background:#eef2ff;margin:0;display:flex;min-height:100vh;align-items:center;justify-content:center}form{background:#fff;padding:28px;border-radius:12px;box-shadow:0 1px 3px #0002;width:320px}label{display:block;margin-top:14px;font-weight:600}input[type=email],input[type=password]{width:100%;box-sizing:border-box;padding:8px;margin-top:4px;border:1px solid #94a3b8;border-radius:6px}button{margin-top:20px;width:100%;padding:10px;background:#4338ca;color:#fff;border:0;border-radius:6px;font-weight:600}.error{color:#b91c1c}.hint{color:#475569;font-size:13px;margin-top:16px}</style></head>
<body><form method="post" action="${esc(action)}"><h1>${esc(title)}</h1>${error ? `<p class="error" role="alert">${esc(error)}</p>` : ""}${fields}
<label for="email">Email</label><input id="email" name="email" type="email" autocomplete="username" required autofocus>
<label for="password">Password</label><input id="password" name="password" type="password" autocomplete="current-password" required>
<button type="submit">Sign in</button>
<p class="hint">Demo people: alice@example.com / alice, bob@example.com / bob, carol@example.com / carol</p></form></body></html>`;
}

async function readBody(req: AsyncIterable<unknown>): Promise<string> {
  let body = "";
  for await (const chunk of req) {
    body += String(chunk);
    if (body.length > 512 * 1024) throw new Error("body too large");
  }
  return body;
}

export async function readForm(req: AsyncIterable<unknown>): Promise<URLSearchParams> {
  return new URLSearchParams(await readBody(req));
}

const groupsBodySchema = z.object({ groups: z.array(z.string().trim().min(1).max(256)).max(1000) });
const loopback = new Set(["127.0.0.1", "::1", "::ffff:127.0.0.1"]);

function sendJson(res: ServerResponse, status: number, body: unknown): void {
  res.writeHead(status, { "content-type": "application/json", "cache-control": "no-store" });
  res.end(JSON.stringify(body));
}

/**
 * The demo IdPs' control endpoint, `PUT /_demo/people/<email>/groups` with `{"groups":[...]}`: changes
 * a person's groups at once, as an IdP administrator would, so tests can take someone out of a
 * group. Loopback callers only; JSON only, so a web page cannot send it without a CORS preflight
 * (which is never answered). Returns false for any other path.
 */
export async function handlePeopleControl(
  req: IncomingMessage,
  res: ServerResponse,
  pathname: string,
  people: DemoPerson[],
): Promise<boolean> {
  const match = /^\/_demo\/people\/([^/]+)\/groups$/.exec(pathname);
  if (!match) return false;
  if (!loopback.has(req.socket.remoteAddress ?? "")) sendJson(res, 403, { error: "loopback callers only" });
  else if (req.method !== "PUT") sendJson(res, 405, { error: "use PUT" });
  else if (!req.headers["content-type"]?.startsWith("application/json"))
    sendJson(res, 415, { error: "send application/json" });
  else {
    const person = people.find((p) => p.email === decodeURIComponent(match[1]).toLowerCase());
    const body = groupsBodySchema.safeParse(await readJson(req));
    if (!person) sendJson(res, 404, { error: "no such person" });
    else if (!body.success) sendJson(res, 400, { error: 'expected {"groups": ["..."]}' });
    else {
      person.groups = body.data.groups;
      sendJson(res, 200, { email: person.email, groups: person.groups });
    }
  }
  return true;
}

async function readJson(req: AsyncIterable<unknown>): Promise<unknown> {
  try {
    return JSON.parse(await readBody(req)) as unknown;
  } catch {
    return undefined;
  }
}
