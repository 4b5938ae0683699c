import { createDb } from "@/lib/db/client";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startFakeOidcProvider, type FakeOidcProvider, type Tamper } from "@/tests/support/fake-oidc-provider";
import { startServer, type RunningServer } from "@/tests/support/server";

let idp: FakeOidcProvider;
let server: RunningServer;

beforeAll(async () => {
  idp = await startFakeOidcProvider();
  server = await startServer({
    AIRLOCK_OIDC_ISSUER: idp.url,
    AIRLOCK_OIDC_CLIENT_ID: idp.clientId,
    AIRLOCK_OIDC_CLIENT_SECRET: "test-secret",
    AIRLOCK_OIDC_SCOPES: "openid email profile groups",
  });
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
async function startSignIn(jar: Jar, query = ""): Promise<string> {
  const csrf = await fetch(`${server.url}/api/auth/csrf`, { headers: { cookie: jar.header() } });
  jar.store(csrf);
  const { csrfToken } = (await csrf.json()) as { csrfToken: string };
  const start = await fetch(`${server.url}/api/auth/signin/oidc${query}`, {
    method: "POST",
    headers: { "content-type": "application/x-www-form-urlencoded", cookie: jar.header() },
    body: new URLSearchParams({ csrfToken, callbackUrl: "/", json: "true" }),
  });
  jar.store(start);
  return ((await start.json()) as { url: string }).url;
}

async function signIn(tamper: Tamper, query = "", jar = new Jar()): Promise<{ location: string; jar: Jar }> {
  idp.tamper = tamper;
  const authorizeUrl = await startSignIn(jar, query);
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

async function lastSignInAudit() {
  const db = createDb(server.databaseUrl);
  try {
    return await db.auditEvent.findFirst({
      where: { action: "signin" },
      orderBy: { createdAt: "desc" },
      select: { outcome: true, reason: true, details: true },
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
    expect(session.user).toMatchObject({ email: "alice@example.com", name: "Alice Example", groups: ["engineering"] });
    expect(await lastSignInAudit()).toMatchObject({ outcome: "success", reason: null });
  });

  it.each(["state", "nonce", "issuer", "audience", "signature"] as const)(
    "refuses a callback with a wrong %s: no session, an audit event",
    async (tamper) => {
      const { location, jar } = await signIn(tamper);
      expect(location).toContain("error=OAuthCallback");
      expect(jar.has("session-token")).toBe(false);
      const page = await fetch(location);
      expect(new URL(page.url).pathname).toBe("/signin");
      expect(new URL(page.url).searchParams.get("error")).toBe("OAuthCallback");
      expect(await page.text()).toContain("Your identity provider&#x27;s answer could not be verified.");
      await expect.poll(() => lastSignInAudit()).toMatchObject({ outcome: "failure", reason: "oauth_callback_error" });
    },
  );

  it("marks a prompt=none sign-in passive, and not an ordinary one started after an abandoned passive one", async () => {
    expect((await signIn("none", "?prompt=none")).location).toBe(`${server.url}/`);
    expect(JSON.parse((await lastSignInAudit())?.details ?? "{}")).toMatchObject({ passive: true });

    const jar = new Jar();
    await startSignIn(jar, "?prompt=none");
    expect((await signIn("none", "", jar)).location).toBe(`${server.url}/`);
    expect(JSON.parse((await lastSignInAudit())?.details ?? "{}")).not.toHaveProperty("passive");
  });

  it("sends login_required for a passive sign-in on to an ordinary one; for any other it is an error", async () => {
    const passive = await signIn("login_required", "?prompt=none");
    expect(passive.location).toBe("/signin/refresh?idp=oidc&callbackUrl=%2F&interactive=1");
    expect(passive.jar.has("session-token")).toBe(false);
    expect((await signIn("login_required")).location).toContain("error=");
  });
});
