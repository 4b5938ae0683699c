import { decode, encode } from "next-auth/jwt";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { PortalUser } from "@/lib/auth/session";
import { createDb, type Db } from "@/lib/db/client";
import { decideDeviceAuthorization } from "@/lib/device/decide-authorization";
import { seedDemo } from "@/prisma/seed";
import { authorizeDevice, bearerGet, CLI_USER_AGENT, pollToken, postForm } from "@/tests/support/device-flow";
import { samlServerEnv, signInOverHttp } from "@/tests/support/http-session";
import { startServer, type RunningServer } from "@/tests/support/server";

// The device authorization grant (RFC 8628) and terminal bearer tokens, over real HTTP against the built app.

let server: RunningServer;
let db: Db;
const env = samlServerEnv();

beforeAll(async () => {
  server = await startServer(env);
  db = createDb(server.databaseUrl);
  await seedDemo(db);
}, 180_000);
afterAll(async () => {
  await db?.$disconnect();
  await server?.stop();
});

/** Alice, as her latest browser session on the server sees her: what an approval captures. */
async function aliceAsApprover(): Promise<PortalUser> {
  await signInOverHttp(server);
  const session = await db.session.findFirstOrThrow({ where: { kind: "browser" }, orderBy: { createdAt: "desc" } });
  const user = await db.user.findUniqueOrThrow({ where: { id: session.userId } });
  return {
    ...user,
    groups: JSON.parse(session.groups) as string[],
    idp: session.idp,
    isAdmin: false,
    sessionId: session.id,
    hasFreshGroups: true,
    groupsCheckedAt: session.groupsCheckedAt,
    sessionKind: "browser",
    sessionExpiresAt: session.expiresAt,
    authenticatedAt: session.authenticatedAt,
  };
}

describe("device authorization", () => {
  it("hands out a user code from RFC 8628's alphabet and the verification URLs, storing only hashes", async () => {
    const grant = await authorizeDevice(server);
    expect(grant).toMatchObject({
      verification_uri: "http://localhost:3000/device",
      verification_uri_complete: `http://localhost:3000/device?user_code=${grant.user_code}`,
      expires_in: 600,
      interval: 5,
    });
    expect(grant.user_code).toMatch(/^[BCDFGHJKLMNPQRSTVWXZ]{4}-[BCDFGHJKLMNPQRSTVWXZ]{4}$/);
    const rows = await db.deviceAuthorization.findMany();
    const text = JSON.stringify(rows);
    expect(text).not.toContain(grant.device_code);
    expect(text).not.toContain(grant.user_code.replace("-", ""));
    expect(rows.find((r) => r.deviceName === "alice-laptop")).toMatchObject({
      status: "pending",
      userAgent: CLI_USER_AGENT,
      clientIp: "127.0.0.1",
    });
  });

  it("refuses other clients, other grant types, missing fields, long names and non-form bodies", async () => {
    const cases: [string, Record<string, string>, number, string][] = [
      ["/api/device/authorize", { client_id: "other" }, 400, "invalid_client"],
      ["/api/device/authorize", {}, 400, "invalid_request"],
      ["/api/device/authorize", { client_id: "airlock-cli", device_name: "x".repeat(65) }, 400, "invalid_request"],
      ["/api/device/token", { client_id: "airlock-cli", grant_type: "password" }, 400, "unsupported_grant_type"],
      ["/api/device/token", { client_id: "airlock-cli", grant_type: DEVICE }, 400, "invalid_request"],
      [
        "/api/device/token",
        { client_id: "airlock-cli", grant_type: DEVICE, device_code: "nope" },
        400,
        "invalid_grant",
      ],
    ];
    for (const [path, fields, status, error] of cases) {
      const response = await postForm(server, path, fields);
      expect([path, fields, response.status]).toEqual([path, fields, status]);
      expect(await response.json()).toMatchObject({ error, error_description: expect.any(String) });
    }
    const json = await fetch(`${server.url}/api/device/authorize`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ client_id: "airlock-cli" }),
    });
    expect(json.status).toBe(400);
  });

  it("pending → slow_down when too fast → approved → one token → invalid_grant on reuse", async () => {
    const grant = await authorizeDevice(server);
    expect(await pollToken(server, grant.device_code)).toMatchObject({
      status: 400,
      body: { error: "authorization_pending" },
    });
    expect(await pollToken(server, grant.device_code)).toMatchObject({ status: 400, body: { error: "slow_down" } });
    const row = await db.deviceAuthorization.findFirstOrThrow({
      where: { deviceName: "alice-laptop", status: "pending" },
      orderBy: { createdAt: "desc" },
    });
    expect(row.interval).toBe(10);

    const alice = await aliceAsApprover();
    expect(
      await decideDeviceAuthorization({
        db,
        user: alice,
        userCode: grant.user_code.toLowerCase(),
        decision: "approve",
        client: {},
      }),
    ).toBe(true);
    // The interval has grown to 10 s: a poll 5 s after the last one is too soon.
    await db.deviceAuthorization.update({ where: { id: row.id }, data: { lastPolledAt: new Date(Date.now() - 5000) } });
    expect((await pollToken(server, grant.device_code)).body.error).toBe("slow_down");
    await db.deviceAuthorization.update({
      where: { id: row.id },
      data: { lastPolledAt: new Date(Date.now() - 60_000) },
    });

    const [first, second] = await Promise.all([
      pollToken(server, grant.device_code),
      pollToken(server, grant.device_code),
    ]);
    const winners = [first, second].filter((p) => p.status === 200);
    expect(winners).toHaveLength(1);
    const loser = first.status === 200 ? second : first;
    expect(loser.body.error).toMatch(/^(invalid_grant|slow_down)$/);
    const token = winners[0].body;
    expect(token).toMatchObject({ token_type: "Bearer", user: { email: "alice@example.com" } });
    expect(token.access_token).toMatch(/^airlock_[\w-]{43}$/);
    expect(token.expires_in).toBeGreaterThan(8 * 3600 - 30);

    await db.deviceAuthorization.update({
      where: { id: row.id },
      data: { lastPolledAt: new Date(Date.now() - 60_000) },
    });
    expect(await pollToken(server, grant.device_code)).toMatchObject({ status: 400, body: { error: "invalid_grant" } });

    const entitlements = await bearerGet(server, "/api/entitlements", token.access_token!);
    expect(entitlements.status).toBe(200);
    const body = (await entitlements.json()) as {
      session: { kind: string };
      roles: { accountName: string; roleName: string }[];
    };
    expect(body).toMatchObject({
      user: { email: "alice@example.com" },
      session: { kind: "terminal", idleTimeoutSeconds: 3600 },
      defaultRegion: "us-east-1",
    });
    expect(body.roles.map((r) => `${r.accountName}/${r.roleName}`)).toEqual([
      "production/ReadOnly",
      "sandbox/Developer",
      "staging/ReadOnly",
    ]);
    const session = await db.session.findFirstOrThrow({ where: { kind: "terminal" }, orderBy: { createdAt: "desc" } });
    expect(session).toMatchObject({ idp: alice.idp, groups: JSON.stringify(alice.groups), clientIp: "127.0.0.1" });
    expect(session.groupsCheckedAt).toEqual(alice.groupsCheckedAt);
    expect(session.userAgent).toBe(`alice-laptop · ${CLI_USER_AGENT}`);
  }, 120_000);

  it("a denied code answers access_denied; an expired one expired_token", async () => {
    const denied = await authorizeDevice(server);
    const alice = await aliceAsApprover();
    await decideDeviceAuthorization({ db, user: alice, userCode: denied.user_code, decision: "deny", client: {} });
    expect((await pollToken(server, denied.device_code)).body.error).toBe("access_denied");

    const expired = await authorizeDevice(server);
    await db.deviceAuthorization.updateMany({
      where: { status: "pending" },
      data: { expiresAt: new Date(Date.now() - 1000) },
    });
    expect((await pollToken(server, expired.device_code)).body.error).toBe("expired_token");
    expect(
      await decideDeviceAuthorization({
        db,
        user: alice,
        userCode: expired.user_code,
        decision: "approve",
        client: {},
      }),
    ).toBe(false);
  });
});

describe("bearer tokens", () => {
  it("refuses what is not a live terminal token, naming the reason", async () => {
    const browserCookie = await signInOverHttp(server);
    const browserRow = await db.session.findFirstOrThrow({
      where: { kind: "browser" },
      orderBy: { createdAt: "desc" },
    });
    expect(browserRow).toBeTruthy();
    for (const token of ["airlock_short", "not-airlock", `airlock_${"A".repeat(43)}`]) {
      const response = await bearerGet(server, "/api/entitlements", token);
      expect(response.status).toBe(401);
      expect(await response.json()).toMatchObject({ error: { code: "unauthenticated", reason: "invalid_token" } });
    }
    // With an Authorization header the cookie is ignored, even a good one.
    const both = await bearerGet(server, "/api/entitlements", "airlock_x", { cookie: browserCookie });
    expect(both.status).toBe(401);
    // The cookie alone works for the portal's own use.
    const cookieOnly = await fetch(`${server.url}/api/entitlements`, { headers: { cookie: browserCookie } });
    expect(cookieOnly.status).toBe(200);
    expect(await cookieOnly.json()).toMatchObject({ session: { kind: "browser" } });
  });
});

describe("a session kind is checked", () => {
  it("a browser's session secret is no bearer token, and a terminal token is no cookie", async () => {
    const cookie = await signInOverHttp(server);
    const jwt = await decode({ token: cookie.split("=")[1], secret: env.AIRLOCK_SECRET });
    const asBearer = await bearerGet(server, "/api/entitlements", `airlock_${String(jwt?.sid)}`);
    expect(asBearer.status).toBe(401);
    expect(await asBearer.json()).toMatchObject({ error: { reason: "invalid_token" } });
    // Control: the same cookie works as a cookie.
    expect((await fetch(`${server.url}/api/entitlements`, { headers: { cookie } })).status).toBe(200);

    const grant = await authorizeDevice(server);
    await decideDeviceAuthorization({
      db,
      user: await aliceAsApprover(),
      userCode: grant.user_code,
      decision: "approve",
      client: {},
    });
    const { body } = await pollToken(server, grant.device_code);
    const terminalSecret = body.access_token!.slice("airlock_".length);
    expect((await bearerGet(server, "/api/entitlements", body.access_token!)).status).toBe(200);
    const forged = await encode({ token: { ...jwt, sid: terminalSecret }, secret: env.AIRLOCK_SECRET });
    const asCookie = await fetch(`${server.url}/api/entitlements`, {
      headers: { cookie: `next-auth.session-token=${forged}` },
    });
    expect(asCookie.status).toBe(401);
  });
});

const DEVICE = "urn:ietf:params:oauth:grant-type:device_code";
