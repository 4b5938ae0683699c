import { encode } from "next-auth/jwt";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createDb, type Db } from "@/lib/db/client";
import { cookiesOf, samlServerEnv, signInOverHttp } from "@/tests/support/http-session";
import { startServer, type RunningServer } from "@/tests/support/server";

// The session registry at the HTTP layer: the cookie only names a session row, and the row decides.
let server: RunningServer;
let db: Db;
const env = samlServerEnv();

beforeAll(async () => {
  server = await startServer(env);
  db = createDb(server.databaseUrl);
}, 180_000);

afterAll(async () => {
  await db?.$disconnect();
  await server?.stop();
});

const hoursAgo = (h: number) => new Date(Date.now() - h * 3600_000);

/** What the cookie gets: the home page (200, or a redirect) and an issuance (its status and error). */
async function probe(cookie: string) {
  const home = await fetch(`${server.url}/`, { headers: { cookie }, redirect: "manual" });
  const issue = await fetch(`${server.url}/api/credentials`, {
    method: "POST",
    headers: { cookie, "content-type": "application/json" },
    body: JSON.stringify({ accountId: "111111111111", roleName: "ReadOnly" }),
  });
  const body = (await issue.json()) as { error?: { code: string; message: string } };
  return { home: home.status, location: home.headers.get("location"), issue: issue.status, error: body.error };
}

async function latestSession() {
  return db.session.findFirstOrThrow({ orderBy: { createdAt: "desc" } });
}

describe("sessions are rows on the server", () => {
  it("a fresh sign-in opens a session that works (control)", async () => {
    const cookie = await signInOverHttp(server);
    expect((await probe(cookie)).home).toBe(200);
    const row = await latestSession();
    expect(row).toMatchObject({ kind: "browser", revokedAt: null });
    expect(row.expiresAt.getTime() - row.authenticatedAt.getTime()).toBe(8 * 3600_000);
  });

  it("refuse a cookie after sign-out: the copied value is dead", async () => {
    const cookie = await signInOverHttp(server);
    const csrf = await fetch(`${server.url}/api/auth/csrf`, { headers: { cookie } });
    const { csrfToken } = (await csrf.json()) as { csrfToken: string };
    const out = await fetch(`${server.url}/api/auth/signout`, {
      method: "POST",
      redirect: "manual",
      headers: { cookie: [cookie, ...cookiesOf(csrf)].join("; "), "content-type": "application/x-www-form-urlencoded" },
      body: new URLSearchParams({ csrfToken, json: "true" }),
    });
    expect(out.ok).toBe(true);
    expect(await probe(cookie)).toMatchObject({ home: 307, location: "/signin?callbackUrl=%2F", issue: 401 });
    expect(await latestSession()).toMatchObject({ revokeReason: "signed out" });
  });

  it("refuse a session past its absolute lifetime, even after next-auth renewed its cookie", async () => {
    const cookie = await signInOverHttp(server);
    const row = await latestSession();
    // Renewed: GET /api/auth/session hands out a cookie with a fresh 8-hour expiry.
    const renewal = await fetch(`${server.url}/api/auth/session`, { headers: { cookie } });
    const renewed = cookiesOf(renewal).find((c) => c.startsWith("next-auth.session-token="))!;
    expect(renewed).toBeTruthy();
    // Signed in 9 hours ago: the lifetime counts from the sign-in and was never extended.
    await db.session.update({
      where: { id: row.id },
      data: { authenticatedAt: hoursAgo(9), expiresAt: hoursAgo(1), lastSeenAt: new Date() },
    });
    for (const value of [cookie, renewed]) expect(await probe(value)).toMatchObject({ home: 307, issue: 401 });
    expect(
      await fetch(`${server.url}/api/auth/session`, { headers: { cookie: renewed } }).then((r) => r.json()),
    ).toEqual({});
    expect(await db.session.findUniqueOrThrow({ where: { id: row.id } })).toMatchObject({
      revokeReason: "lifetime ended",
    });
    const audit = await db.auditEvent.findFirst({ where: { action: "session.expire" } });
    expect(audit).toMatchObject({ outcome: "success", reason: "expired", actor: "alice@example.com" });
  });

  it("refuse a session idle past the timeout", async () => {
    const cookie = await signInOverHttp(server);
    const row = await latestSession();
    await db.session.update({ where: { id: row.id }, data: { lastSeenAt: hoursAgo(1.1) } });
    expect(await probe(cookie)).toMatchObject({ home: 307, issue: 401 });
    expect(await db.session.findUniqueOrThrow({ where: { id: row.id } })).toMatchObject({
      revokeReason: "idle timeout",
    });
  });

  it("refuse a cookie that decrypts but names no session row, and a cookie in the old format with groups", async () => {
    const forged = await encode({
      secret: env.AIRLOCK_SECRET,
      token: { sid: "A".repeat(43), uid: "someone", email: "mallory@example.com", name: "M", username: "m", idp: "x" },
    });
    const legacy = await encode({
      secret: env.AIRLOCK_SECRET,
      token: { uid: "someone", email: "mallory@example.com", groups: ["platform-admins", "sre"], idp: "x" },
    });
    for (const value of [forged, legacy])
      expect(await probe(`next-auth.session-token=${value}`)).toMatchObject({ home: 307, issue: 401 });
  });

  it("re-check groups older than AIRLOCK_GROUPS_MAX_AGE with the IdP before any page or issuance", async () => {
    const cookie = await signInOverHttp(server);
    const row = await latestSession();
    await db.session.update({ where: { id: row.id }, data: { groupsCheckedAt: hoursAgo(1.1) } });
    const result = await probe(cookie);
    expect(result).toMatchObject({ home: 307, location: "/signin/refresh?idp=saml&callbackUrl=%2F", issue: 401 });
    expect(result.error?.message).toContain("re-check your groups");
  });

  it("refuse the sign-in of a person suspended through another IdP's user row (same email)", async () => {
    await db.user.create({
      data: {
        idp: "oidc:https://other-idp.example.com",
        subject: "fay-oidc",
        email: "fay@example.com",
        username: "fay",
        suspendedAt: new Date(),
        suspendedBy: "bob@example.com",
      },
    });
    await expect(signInOverHttp(server, { email: "fay@example.com", groups: ["engineering"] })).rejects.toThrow(
      /a session cookie/,
    );
    expect(await db.session.count({ where: { user: { email: "fay@example.com" } } })).toBe(0);
  });

  it("refuse every session of a suspended person, and their next sign-in", async () => {
    const cookie = await signInOverHttp(server, { email: "dora@example.com", groups: ["engineering"] });
    const row = await latestSession();
    await db.user.update({
      where: { id: row.userId },
      data: { suspendedAt: new Date(), suspendedBy: "bob@example.com" },
    });
    expect(await probe(cookie)).toMatchObject({ home: 307, issue: 401 });
    await expect(signInOverHttp(server, { email: "dora@example.com", groups: ["engineering"] })).rejects.toThrow(
      /a session cookie/,
    );
    expect(await db.auditEvent.findFirst({ where: { action: "signin", reason: "suspended" } })).toMatchObject({
      outcome: "denied",
    });
  });
});
