import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { BACKCHANNEL_LOGOUT_EVENT } from "@/lib/auth/logout-token";
import { createDb, type Db } from "@/lib/db/client";
import { startFakeOidcProvider, type FakeOidcProvider } from "@/tests/support/fake-oidc-provider";
import { startServer, type RunningServer } from "@/tests/support/server";

// OIDC single logout over real HTTP: RP-initiated logout at the OP's end_session_endpoint, and
// Back-Channel Logout 1.0 logout tokens signed with the OP's published key.
let idp: FakeOidcProvider;
let server: RunningServer;
let db: Db;

beforeAll(async () => {
  idp = await startFakeOidcProvider();
  server = await startServer({
    AIRLOCK_OIDC_ISSUER: idp.url,
    AIRLOCK_OIDC_CLIENT_ID: idp.clientId,
    AIRLOCK_OIDC_CLIENT_SECRET: "test-secret",
    AIRLOCK_OIDC_SCOPES: "openid email profile groups",
  });
  db = createDb(server.databaseUrl);
}, 180_000);

afterAll(async () => {
  await db?.$disconnect();
  await server?.stop();
  await idp?.close();
});

class Jar {
  private cookies = new Map<string, string>();
  store(response: Response) {
    for (const line of response.headers.getSetCookie()) {
      const [name, ...value] = line.split(";")[0].split("=");
      if (/max-age=0/i.test(line) || value.join("=") === "") this.cookies.delete(name.trim());
      else this.cookies.set(name.trim(), value.join("="));
    }
  }
  header() {
    return [...this.cookies].map(([k, v]) => `${k}=${v}`).join("; ");
  }
}

/** A full OIDC sign-in as `sub` in IdP session `sid`: the browser's cookies. */
async function signIn(sub: string, sid: string): Promise<Jar> {
  Object.assign(idp, { tamper: "none", sub, sid });
  const jar = new Jar();
  const csrf = await fetch(`${server.url}/api/auth/csrf`);
  jar.store(csrf);
  const { csrfToken } = (await csrf.json()) as { csrfToken: string };
  const start = await fetch(`${server.url}/api/auth/signin/oidc`, {
    method: "POST",
    headers: { "content-type": "application/x-www-form-urlencoded", cookie: jar.header() },
    body: new URLSearchParams({ csrfToken, callbackUrl: "/", json: "true" }),
  });
  jar.store(start);
  const authorize = await fetch(((await start.json()) as { url: string }).url, { redirect: "manual" });
  const callback = await fetch(authorize.headers.get("location")!, {
    redirect: "manual",
    headers: { cookie: jar.header() },
  });
  jar.store(callback);
  expect(callback.headers.get("location")).toBe(`${server.url}/`);
  return jar;
}

const isSignedIn = async (jar: Jar) =>
  (await fetch(`${server.url}/`, { headers: { cookie: jar.header() }, redirect: "manual" })).status === 200;

function logoutToken(claims: Record<string, unknown> = {}, options?: Parameters<FakeOidcProvider["signJwt"]>[1]) {
  const now = Math.floor(Date.now() / 1000);
  return idp.signJwt(
    {
      iss: idp.url,
      aud: idp.clientId,
      iat: now,
      exp: now + 120,
      jti: crypto.randomUUID(),
      events: { [BACKCHANNEL_LOGOUT_EVENT]: {} },
      ...claims,
    },
    { typ: "logout+jwt", ...options },
  );
}

function postLogoutToken(token: string) {
  return fetch(`${server.url}/api/auth/backchannel-logout`, {
    method: "POST",
    headers: { "content-type": "application/x-www-form-urlencoded" },
    body: new URLSearchParams({ logout_token: token }),
  });
}

describe("OIDC RP-initiated logout", () => {
  it("ends the session, then sends the browser to end_session_endpoint with the ID token hint and state", async () => {
    const jar = await signIn("oidc-rp-1", "sid-rp-1");
    const row = await db.session.findFirstOrThrow({ where: { idpSessionId: "sid-rp-1" } });
    expect(row).toMatchObject({ idp: `oidc:${idp.url}`, idpSubject: "oidc-rp-1" });
    const out = await fetch(`${server.url}/api/auth/logout`, {
      method: "POST",
      redirect: "manual",
      headers: { cookie: jar.header() },
    });
    expect(out.status).toBe(303);
    const location = new URL(out.headers.get("location")!);
    expect(`${location.origin}${location.pathname}`).toBe(`${idp.url}/session/end`);
    const hint = location.searchParams.get("id_token_hint")!;
    expect(JSON.parse(Buffer.from(hint.split(".")[1], "base64url").toString())).toMatchObject({
      sub: "oidc-rp-1",
      sid: "sid-rp-1",
    });
    expect(location.searchParams.get("post_logout_redirect_uri")).toBe(`${server.url}/api/auth/logout`);
    const state = location.searchParams.get("state")!;
    jar.store(out);
    expect(await isSignedIn(jar)).toBe(false);
    // The ID token is kept no longer than the session.
    expect(await db.session.findUniqueOrThrow({ where: { id: row.id } })).toMatchObject({
      idpLogout: null,
      revokeReason: "signed out",
    });
    const back = await fetch(`${server.url}/api/auth/logout?state=${state}`, {
      redirect: "manual",
      headers: { cookie: jar.header() },
    });
    expect(back.status).toBe(303);
    expect(back.headers.get("location")).toBe("/signin?signedOut=1");
  });

  it("records nothing when an ended session's cookie is posted to sign-out again", async () => {
    const jar = await signIn("oidc-rp-3", "sid-rp-3");
    const cookie = jar.header();
    const signOut = () =>
      fetch(`${server.url}/api/auth/logout`, { method: "POST", redirect: "manual", headers: { cookie } });
    expect((await signOut()).status).toBe(303);
    const revocations = () => db.auditEvent.count({ where: { action: "session.revoke" } });
    const before = await revocations();
    for (let i = 0; i < 5; i++) {
      const again = await signOut();
      expect(again.status).toBe(303);
      // Nothing to end at the IdP either: straight to the signed-out page.
      expect(again.headers.get("location")).toBe("/signin?signedOut=1");
    }
    expect(await revocations()).toBe(before);
  });

  it("refuses a sign-out posted from another site", async () => {
    const jar = await signIn("oidc-rp-2", "sid-rp-2");
    const out = await fetch(`${server.url}/api/auth/logout`, {
      method: "POST",
      redirect: "manual",
      headers: { cookie: jar.header(), origin: "https://evil.example.com" },
    });
    expect(out.status).toBe(403);
    expect(await isSignedIn(jar)).toBe(true);
  });
});

describe("OIDC Back-Channel Logout", () => {
  it("ends the session of a sid, and only it", async () => {
    const first = await signIn("bc-user-1", "bc-sid-1");
    const second = await signIn("bc-user-1", "bc-sid-2");
    const answer = await postLogoutToken(logoutToken({ sid: "bc-sid-1", sub: "bc-user-1" }));
    expect(answer.status).toBe(200);
    expect(answer.headers.get("cache-control")).toBe("no-store");
    expect(await isSignedIn(first)).toBe(false);
    expect(await isSignedIn(second)).toBe(true);
  });

  it("ends every session of a sub when no sid is given, and no one else's", async () => {
    const first = await signIn("bc-user-2", "bc-sid-3");
    const second = await signIn("bc-user-2", "bc-sid-4");
    const other = await signIn("bc-user-3", "bc-sid-5");
    expect((await postLogoutToken(logoutToken({ sub: "bc-user-2" }))).status).toBe(200);
    expect(await isSignedIn(first)).toBe(false);
    expect(await isSignedIn(second)).toBe(false);
    expect(await isSignedIn(other)).toBe(true);
  });

  it.each([
    ["signed by another key", logoutToken_({ sub: "bc-user-4" }, { foreignKey: true }), "could not be verified"],
    ["for another client", logoutToken_({ sub: "bc-user-4", aud: "someone-else" }), "could not be verified"],
    [
      "from another issuer",
      logoutToken_({ sub: "bc-user-4", iss: "https://evil.example.com" }),
      "could not be verified",
    ],
    ["an ID token (nonce)", logoutToken_({ sub: "bc-user-4", nonce: "n" }), "carries a nonce"],
    ["without the logout event", logoutToken_({ sub: "bc-user-4", events: {} }), "events claim"],
    ["naming no one", logoutToken_({}), "neither a sid nor a sub"],
    ["signed with none", () => noneToken({ sub: "bc-user-4" }), "could not be verified"],
  ])("refuses a logout token %s with 400 and ends nothing", async (_name, token, message) => {
    const jar = await signIn("bc-user-4", `bc-sid-${crypto.randomUUID()}`);
    const answer = await postLogoutToken(token());
    expect(answer.status).toBe(400);
    expect(answer.headers.get("cache-control")).toBe("no-store");
    const body = (await answer.json()) as { error: string; error_description: string };
    expect(body.error).toBe("invalid_request");
    expect(body.error_description).toContain(message);
    expect(await isSignedIn(jar)).toBe(true);
  });

  it("refuses a replayed logout token and a missing one", async () => {
    const token = logoutToken({ sub: "bc-user-5" });
    expect((await postLogoutToken(token)).status).toBe(200);
    const replay = await postLogoutToken(token);
    expect(replay.status).toBe(400);
    expect(((await replay.json()) as { error_description: string }).error_description).toContain("already used");
    const missing = await fetch(`${server.url}/api/auth/backchannel-logout`, {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded" },
      body: "",
    });
    expect(missing.status).toBe(400);
  });
});

/** A logout token made when the test runs (the OP's URL is known only then). */
function logoutToken_(claims: Record<string, unknown>, options?: Parameters<FakeOidcProvider["signJwt"]>[1]) {
  return () => logoutToken(claims, options);
}

function noneToken(claims: Record<string, unknown>): string {
  const signed = logoutToken(claims);
  const header = Buffer.from(JSON.stringify({ alg: "none", typ: "logout+jwt" })).toString("base64url");
  return `${header}.${signed.split(".")[1]}.`;
}
