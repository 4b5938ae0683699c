import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createDb, type Db } from "@/lib/db/client";
import {
  authorizeDevice,
  bearerGet,
  decideOnDevicePage,
  pollToken,
  postForm,
  signInTerminal,
} from "@/tests/support/device-flow";
import { samlServerEnv, signInOverHttp, type SamlPerson } from "@/tests/support/http-session";
import { startServer, type RunningServer } from "@/tests/support/server";

// What a terminal's token must not reach, and an approval that must not outlive the browser
// session that gave it, over real HTTP against the built app.

const admin: SamlPerson = { email: "ada@example.com", name: "Ada Admin", groups: ["platform-admins", "engineering"] };

let server: RunningServer;
let db: Db;

beforeAll(async () => {
  server = await startServer(samlServerEnv());
  db = createDb(server.databaseUrl);
}, 180_000);
afterAll(async () => {
  await db?.$disconnect();
  await server?.stop();
});

describe("an admin's terminal token", () => {
  it("reaches the terminal API but no admin download, even with the admin's cookie beside it", async () => {
    const cookie = await signInOverHttp(server, admin);
    const token = await signInTerminal(server, cookie, "ada-laptop");
    expect((await bearerGet(server, "/api/entitlements", token)).status).toBe(200);
    // The browser itself may export.
    const withCookie = await fetch(`${server.url}/admin/config/export`, { headers: { cookie } });
    expect(withCookie.status).toBe(200);

    for (const path of ["/admin/config/export", "/admin/audit/export?format=json"]) {
      const refused = await bearerGet(server, path, token);
      expect(refused.status, path).toBe(403);
      const body = (await refused.json()) as { error: { code: string; message: string } };
      expect(body.error.code).toBe("forbidden");
      expect(body.error.message).toMatch(/terminal token cannot do this/);
      // A bearer token never falls back to the cookie sent with it.
      expect((await bearerGet(server, path, token, { cookie })).status, path).toBe(403);
    }
  });
});

describe("an approved code whose approving browser session ended before the terminal polled", () => {
  it("opens no terminal session", async () => {
    const cookie = await signInOverHttp(server, { ...admin, email: "bob@example.com", groups: ["engineering"] });
    const grant = await authorizeDevice(server, { device_name: "attacker-box" });
    const decided = await decideOnDevicePage(server, cookie, grant.user_code, "approve");
    expect(decided.headers.get("location")).toBe("/device?result=approved");

    // The person notices and signs out everywhere (their browser sessions are revoked).
    const user = await db.user.findFirstOrThrow({ where: { email: "bob@example.com" } });
    await db.session.updateMany({
      where: { userId: user.id, revokedAt: null },
      data: { revokedAt: new Date(), revokeReason: "signed out everywhere" },
    });

    const { status, body } = await pollToken(server, grant.device_code);
    expect(status).toBe(400);
    expect(body.error).toBe("access_denied");
    expect(String(body.error_description)).toMatch(/browser session that approved this sign-in has ended/);
    expect(await db.session.count({ where: { userId: user.id, kind: "terminal" } })).toBe(0);
  });
});

describe("attacks that already fail", () => {
  it("a forged X-Forwarded-For does not spread authorization requests over many addresses", async () => {
    await db.rateLimit.deleteMany();
    const statuses: number[] = [];
    for (let i = 0; i < 11; i++)
      statuses.push(
        (
          await postForm(
            server,
            "/api/device/authorize",
            { client_id: "airlock-cli" },
            {
              "x-forwarded-for": `203.0.113.${i + 1}`,
            },
          )
        ).status,
      );
    expect(statuses.at(-1)).toBe(429);
  });

  it("a bad bearer token next to a good cookie is refused, not read as the cookie", async () => {
    const cookie = await signInOverHttp(server, { email: "carol@example.com", groups: ["engineering"] });
    const response = await bearerGet(server, "/api/entitlements", `airlock_${"A".repeat(43)}`, { cookie });
    expect(response.status).toBe(401);
    expect(await response.json()).toMatchObject({ error: { code: "unauthenticated", reason: "invalid_token" } });
  });
});

describe("behind one trusted proxy, callers on IPv6", () => {
  let proxied: RunningServer;
  beforeAll(async () => {
    proxied = await startServer(samlServerEnv({ AIRLOCK_TRUSTED_PROXIES: "1" }));
  }, 180_000);
  afterAll(async () => {
    await proxied?.stop();
  });

  it("count per /64: new addresses from one network do not reset the limit", async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 11; i++) {
      const response = await postForm(
        proxied,
        "/api/device/authorize",
        { client_id: "airlock-cli" },
        { "x-forwarded-for": `2001:db8:a:b::${(i + 1).toString(16)}` },
      );
      statuses.push(response.status);
    }
    expect(statuses.slice(0, 10).every((s) => s === 200)).toBe(true);
    expect(statuses.at(-1)).toBe(429);
    // Another network has its own allowance.
    const other = await postForm(
      proxied,
      "/api/device/authorize",
      { client_id: "airlock-cli" },
      { "x-forwarded-for": "2001:db8:a:c::1" },
    );
    expect(other.status).toBe(200);
  });
});
