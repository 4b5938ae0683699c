import { createDb } from "@/lib/db/client";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startFakeOidcProvider, type FakeOidcProvider, type Tamper } from "@/tests/support/fake-oidc-provider";
import { startServer, type RunningServer } from "@/tests/support/server";

let idp: FakeOidcProvider;
let server: RunningServer;

const startOidcServer = (extra: Record<string, string> = {}) =>
  startServer({
    AIRLOCK_OIDC_ISSUER: idp.url,
    AIRLOCK_OIDC_CLIENT_ID: idp.clientId,
    AIRLOCK_OIDC_CLIENT_SECRET: "test-secret",
    AIRLOCK_OIDC_SCOPES: "openid email profile groups",
    ...extra,
  });

beforeAll(async () => {
  idp = await startFakeOidcProvider();
  server = await startOidcServer();
});
afterAll(async () => {
  await server?.stop();
  await idp?.close();
});

/** A browser's cookie jar, enough for next-auth's state, PKCE, nonce and session cookies. */
class Jar {
  private cookies = new Map<string, string>();
  store(response: Response) {
    for (const line of response.headers.getSetCookie()) {
      const [pair] = line.split(";");
      const [name, ...value] = pair.split("=");
      if (/max-age=0/i.test(line) || value.join("=") === "") this.cookies.delete(name.trim());
      else this.cookies.set(name.trim(), value.join("="));
    }
  }
  header() {
    return [...this.cookies].map(([k, v]) => `${k}=${v}`).join("; ");
  }
  has(prefix: string) {
    return [...this.cookies.keys()].some((k) => k.includes(prefix));
  }
}

/** Starts an OIDC sign-in as next-auth's signIn() does (`query`: its authorization params): the IdP's URL. */
async function startSignIn(jar: Jar, query = "", on = server): Promise<string> {
  const csrf = await fetch(`${on.url}/api/auth/csrf`, { headers: { cookie: jar.header() } });
  jar.store(csrf);
  const { csrfToken } = (await csrf.json()) as { csrfToken: string };
  const start = await fetch(`${on.url}/api/auth/signin/oidc${query}`, {
    method: "POST",
    headers: { "content-type": "application/x-www-form-urlencoded", cookie: jar.header() },
    body: new URLSearchParams({ csrfToken, callbackUrl: "/", json: "true" }),
  });
  jar.store(start);
  return ((await start.json()) as { url: string }).url;
}

async function signIn(
  tamper: Tamper,
  { query = "", jar = new Jar(), on = server }: { query?: string; jar?: Jar; on?: RunningServer } = {},
): Promise<{ location: string; jar: Jar }> {
  idp.tamper = tamper;
  const authorizeUrl = await startSignIn(jar, query, on);
  expect(new URL(authorizeUrl).searchParams.get("code_challenge_method")).toBe("S256");
  expect(new URL(authorizeUrl).searchParams.get("nonce")).toBeTruthy();
  const authorize = await fetch(authorizeUrl, { redirect: "manual" });
  const callback = await fetch(authorize.headers.get("location")!, {
    redirect: "manual",
    headers: { cookie: jar.header() },
  });
  jar.store(callback);
  return { location: callback.headers.get("location") ?? "", jar };
}

async function lastSignInAudit(on = server) {
  const db = createDb(on.databaseUrl);
  try {
    return await db.auditEvent.findFirst({
      where: { action: "signin" },
      orderBy: { createdAt: "desc" },
      select: { outcome: true, reason: true, actor: true, details: true },
    });
  } finally {
    await db.$disconnect();
  }
}

describe("OIDC sign-in", () => {
  it("accepts a correct callback (control): PKCE verified, session cookie set, audit written", async () => {
    const { location, jar } = await signIn("none");
    expect(location).toBe(`${server.url}/`);
    expect(idp.lastCodeVerifierOk).toBe(true);
    expect(jar.has("session-token")).toBe(true);
    const session = await (await fetch(`${server.url}/api/auth/session`, { headers: { cookie: jar.header() } })).json();
    expect(session.user).toMatchObject({ email: "alice@example.com", name: "Alice Example" });
    // The groups live in the session row, which the cookie names.
    const db = createDb(server.databaseUrl);
    try {
      const rows = await db.session.findMany({ select: { kind: true, groups: true, revokedAt: true } });
      expect(rows).toEqual([{ kind: "browser", groups: JSON.stringify(["engineering"]), revokedAt: null }]);
    } finally {
      await db.$disconnect();
    }
    expect(await lastSignInAudit()).toMatchObject({ outcome: "success", reason: null });
  });

  it.each([
    ["state", "oauth_callback_error", "state mismatch"],
    ["nonce", "oauth_callback_error", "nonce mismatch"],
    ["issuer", "oauth_callback_error", "unexpected iss value"],
    ["audience", "oauth_callback_error", "aud mismatch"],
    ["signature", "oauth_callback_error", "failed to validate JWT signature"],
    ["alg_none", "oidc_id_token_alg_refused", "The ID token was signed with none; Airlock accepts RS256."],
  ] as const)(
    "refuses a callback with a wrong %s: no session, an audit event, a log line with the cause",
    async (tamper, reason, cause) => {
      const { location, jar } = await signIn(tamper);
      expect(location).toContain("error=OAuthCallback");
      expect(jar.has("session-token")).toBe(false);
      const page = await fetch(location);
      expect(new URL(page.url).pathname).toBe("/signin");
      expect(new URL(page.url).searchParams.get("error")).toBe("OAuthCallback");
      expect(await page.text()).toContain("Your identity provider&#x27;s answer could not be verified.");
      await expect.poll(() => lastSignInAudit()).toMatchObject({ outcome: "failure", reason });
      const logLine = server
        .output()
        .split("\n")
        .find((line) => line.includes('"auth_error"') && line.includes(cause));
      expect(logLine).toContain('"code":"OAUTH_CALLBACK_ERROR"');
      expect(server.output()).not.toContain("[object Object]");
    },
  );

  it("marks a prompt=none sign-in passive, and not an ordinary one started after an abandoned passive one", async () => {
    const signedIn = await signIn("none");
    expect((await signIn("none", { query: "?prompt=none", jar: signedIn.jar })).location).toBe(`${server.url}/`);
    expect(JSON.parse((await lastSignInAudit())?.details ?? "{}")).toMatchObject({ passive: true });

    const jar = new Jar();
    await startSignIn(jar, "?prompt=none");
    expect((await signIn("none", { jar })).location).toBe(`${server.url}/`);
    expect(JSON.parse((await lastSignInAudit())?.details ?? "{}")).not.toHaveProperty("passive");
  });

  it("opens no session from a passive answer when the browser holds no live session to refresh", async () => {
    const expired = await signIn("none");
    const db = createDb(server.databaseUrl);
    try {
      await db.session.updateMany({ data: { expiresAt: new Date(Date.now() - 1000) } });
      const before = await db.session.count();
      for (const jar of [new Jar(), expired.jar])
        expect((await signIn("none", { query: "?prompt=none", jar })).location).toBe("/signin");
      expect(await db.session.count()).toBe(before);
      expect(await db.session.count({ where: { expiresAt: { gt: new Date() } } })).toBe(0);
    } finally {
      await db.$disconnect();
    }
  });

  it("sends login_required for a passive sign-in on to an ordinary one; for any other it is an error", async () => {
    const passive = await signIn("login_required", { query: "?prompt=none" });
    expect(passive.location).toBe("/signin/refresh?idp=oidc&callbackUrl=%2F&interactive=1");
    expect(passive.jar.has("session-token")).toBe(false);
    expect((await signIn("login_required")).location).toContain("error=");
  });
});

describe("OIDC sign-in refuses an email address the IdP did not verify", () => {
  afterAll(() => {
    idp.emailVerified = true;
  });

  /** Refused: no session, the person told why, an audit event that does not name the address. */
  async function expectRefused(on: RunningServer) {
    const { location, jar } = await signIn("none", { on });
    expect(location).toBe("/signin/error?error=EmailUnverified");
    expect(jar.has("session-token")).toBe(false);
    const page = await (await fetch(`${on.url}${location}`)).text();
    expect(page).toContain("Your identity provider has not verified your email address");
    const audit = await lastSignInAudit(on);
    expect(audit).toMatchObject({ outcome: "failure", reason: "oidc_email_unverified", actor: null });
    expect(audit?.details).not.toContain("alice@example.com");
  }

  it.each([
    ["false", false],
    ["missing", undefined],
  ])("email_verified %s, by default", async (_, emailVerified) => {
    idp.emailVerified = emailVerified;
    await expectRefused(server);
  });

  it("with AIRLOCK_OIDC_REQUIRE_EMAIL_VERIFIED=false, a missing claim is accepted but false is still refused", async () => {
    const lenient = await startOidcServer({ AIRLOCK_OIDC_REQUIRE_EMAIL_VERIFIED: "false" });
    try {
      idp.emailVerified = undefined;
      const { location, jar } = await signIn("none", { on: lenient });
      expect(location).toBe(`${lenient.url}/`);
      expect(jar.has("session-token")).toBe(true);
      idp.emailVerified = false;
      await expectRefused(lenient);
    } finally {
      await lenient.stop();
    }
  });
});
