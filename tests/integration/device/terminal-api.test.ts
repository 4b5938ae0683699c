import { readFileSync } from "node:fs";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import type { Emulator } from "@/dev/aws-emulator/server";
import { createDb, type Db } from "@/lib/db/client";
import { parseSigningMaterial } from "@/lib/saml/signing-key";
import { seedDemo } from "@/prisma/seed";
import {
  authorizeDevice,
  bearerGet,
  bearerPost,
  decideOnDevicePage,
  openDevicePage,
  pollToken,
  postForm,
  signInTerminal,
} from "@/tests/support/device-flow";
import {
  alice,
  postAcs,
  redeemTicket,
  samlAnswerFrom,
  samlServerEnv,
  signInOverHttp,
  type SamlPerson,
} from "@/tests/support/http-session";
import { startServer, type RunningServer } from "@/tests/support/server";
import { startTrustingEmulator } from "@/tests/support/federation-fixtures";

// A terminal's whole life over real HTTP against the built app: approval on /device, issuance with
// the bearer token (credentials from the AWS emulator), revocation, group changes and limits.

let server: RunningServer;
let db: Db;
let emulator: Emulator;

beforeAll(async () => {
  const signing = parseSigningMaterial(
    readFileSync("tests/fixtures/saml/airlock-test-key.pem", "utf8"),
    readFileSync("tests/fixtures/saml/airlock-test-cert.pem", "utf8"),
  );
  emulator = await startTrustingEmulator([signing.certificateBase64]);
  server = await startServer(
    samlServerEnv({ AIRLOCK_STS_ENDPOINT: emulator.url, AIRLOCK_SIGNIN_ENDPOINT: `${emulator.url}/federation` }),
  );
  db = createDb(server.databaseUrl);
  await seedDemo(db);
}, 180_000);
afterAll(async () => {
  await db?.$disconnect();
  await server?.stop();
  await emulator?.close();
});
// Every test enters codes on /device; each starts with fresh code-entry limits.
beforeEach(async () => {
  await db.rateLimit.deleteMany();
});

const sandboxDeveloper = { accountId: "111111111111", roleName: "Developer" };

// A busy machine makes the first requests to a fresh server slow; each test makes several sign-ins.
describe("approval on /device", { timeout: 90_000 }, () => {
  it("a signed-out person is sent to sign in and back to the pre-filled page", async () => {
    const page = await fetch(`${server.url}/device?user_code=bcdf-ghjk`, { redirect: "manual" });
    expect(page.status).toBe(307);
    const location = page.headers.get("location")!;
    expect(new URL(location, server.url).searchParams.get("callbackUrl")).toBe("/device?user_code=bcdf-ghjk");
  });

  it("shows the code, the machine, the person and what approval grants, then approves once", async () => {
    const cookie = await signInOverHttp(server);
    const grant = await authorizeDevice(server, { device_name: "build-box-7" });
    const page = await openDevicePage(server, cookie, `?user_code=${grant.user_code.toLowerCase()}`);
    expect(page.status).toBe(200);
    for (const text of [grant.user_code, "build-box-7", "127.0.0.1", "airlock-cli/0.1.0", "alice@example.com"])
      expect(page.html).toContain(text);
    expect(page.html).toContain("this terminal can list your 3 AWS roles and issue credentials");
    expect(page.html).toContain("If someone sent you this code");
    // The page itself decides nothing: the code is still pending after the GET.
    expect((await pollToken(server, grant.device_code)).body.error).toBe("authorization_pending");

    const approved = await decideOnDevicePage(server, cookie, grant.user_code, "approve");
    expect(approved.status).toBe(303);
    expect(approved.headers.get("location")).toBe("/device?result=approved");
    expect((await openDevicePage(server, cookie, "?result=approved")).html).toContain("Return to your terminal");
    // A second click finds the code no longer pending.
    const again = await decideOnDevicePage(server, cookie, grant.user_code, "approve").catch((e: Error) => e);
    expect(String(again)).toContain("expected the Approve and Deny forms");

    await db.deviceAuthorization.updateMany({ data: { lastPolledAt: null } });
    const token = await pollToken(server, grant.device_code);
    expect(token.status).toBe(200);
    expect((await pollToken(server, grant.device_code)).body.error).toBe("invalid_grant");
    const audit = await db.auditEvent.findMany({ where: { action: { in: ["device.approve", "device.redeem"] } } });
    expect(audit.map((e) => e.action).sort()).toEqual(["device.approve", "device.redeem"]);
  });

  it("denial reaches the terminal as access_denied", async () => {
    const cookie = await signInOverHttp(server);
    const grant = await authorizeDevice(server);
    const denied = await decideOnDevicePage(server, cookie, grant.user_code, "deny");
    expect(denied.headers.get("location")).toBe("/device?result=denied");
    expect((await pollToken(server, grant.device_code)).body).toMatchObject({ error: "access_denied" });
  });

  it("says plainly when a code is unknown or expired", async () => {
    const cookie = await signInOverHttp(server);
    expect((await openDevicePage(server, cookie, "?user_code=ZZZZ-ZZZZ")).html).toContain("No sign-in has this code");
    expect((await openDevicePage(server, cookie, "?user_code=not-a-code")).html).toContain("No sign-in has this code");
    const grant = await authorizeDevice(server);
    await db.deviceAuthorization.updateMany({ where: { status: "pending" }, data: { expiresAt: new Date() } });
    expect((await openDevicePage(server, cookie, `?user_code=${grant.user_code}`)).html).toContain(
      "This code has expired",
    );
    expect((await pollToken(server, grant.device_code)).body.error).toBe("expired_token");
  });

  it("limits code entry per person: wrong codes count, and then even a right one waits", async () => {
    const cookie = await signInOverHttp(server, { ...alice, email: "guesser@example.com" });
    for (let i = 0; i < 20; i++)
      expect((await openDevicePage(server, cookie, "?user_code=BBBB-BBBB")).html).toContain("No sign-in has this code");
    const grant = await authorizeDevice(server);
    const page = await openDevicePage(server, cookie, `?user_code=${grant.user_code}`);
    expect(page.html).toContain("Too many codes entered");
    expect(page.html).not.toContain("Approve");
  });
});

describe("a terminal's bearer token", { timeout: 90_000 }, () => {
  it("issues credentials (audited as from a terminal) and console URLs as JSON", async () => {
    const token = await signInTerminal(server, await signInOverHttp(server));
    const before = emulator.requests.filter((r) => r.action === "AssumeRoleWithSAML").length;
    const issued = await bearerPost(server, "/api/credentials", token, sandboxDeveloper);
    expect(issued.status).toBe(200);
    expect(issued.headers.get("cache-control")).toContain("no-store");
    const credentials = (await issued.json()) as { accessKeyId: string; assumedRoleArn: string };
    expect(credentials.assumedRoleArn).toContain(":assumed-role/Developer/alice@example.com");
    expect(emulator.requests.filter((r) => r.action === "AssumeRoleWithSAML").length).toBe(before + 1);
    const row = await db.auditEvent.findFirstOrThrow({ where: { accessKeyId: credentials.accessKeyId } });
    expect(JSON.parse(row.details!)).toMatchObject({
      via: "terminal",
      session: expect.stringMatching(/^[0-9a-f]{12}$/),
    });

    const console = await bearerGet(server, "/api/console?accountId=111111111111&roleName=Developer", token, {
      accept: "application/json",
    });
    expect(console.status).toBe(200);
    expect(console.headers.get("cache-control")).toContain("no-store");
    expect(((await console.json()) as { url: string }).url).toContain(emulator.url);
    const consoleRow = await db.auditEvent.findFirstOrThrow({
      where: { action: "console.signin", outcome: "success" },
      orderBy: { createdAt: "desc" },
    });
    expect(JSON.parse(consoleRow.details!)).toMatchObject({ via: "terminal" });
  });

  it("403 for a role not granted names the groups mapped to it", async () => {
    const token = await signInTerminal(server, await signInOverHttp(server));
    const refused = await bearerPost(server, "/api/credentials", token, {
      accountId: "222222222222",
      roleName: "Admin",
    });
    expect(refused.status).toBe(403);
    expect(await refused.json()).toMatchObject({ error: { code: "forbidden", groups: ["sre"] } });
    const unknown = await bearerPost(server, "/api/credentials", token, {
      accountId: "222222222222",
      roleName: "Nope",
    });
    expect(await unknown.json()).toMatchObject({ error: { code: "forbidden", groups: [] } });
    const denied = await db.auditEvent.findFirstOrThrow({ where: { roleName: "Admin", outcome: "denied" } });
    expect(JSON.parse(denied.details!)).toMatchObject({ via: "terminal" });
  });

  it("stops working once signed out from the terminal or from Your sessions", async () => {
    const cookie = await signInOverHttp(server);
    const first = await signInTerminal(server, cookie, "laptop-one");
    const out = await fetch(`${server.url}/api/device/logout`, {
      method: "POST",
      headers: { authorization: `Bearer ${first}` },
    });
    expect(out.status).toBe(204);
    const afterLogout = await bearerGet(server, "/api/entitlements", first);
    expect(afterLogout.status).toBe(401);
    expect(await afterLogout.json()).toMatchObject({ error: { code: "unauthenticated", reason: "revoked" } });

    const second = await signInTerminal(server, cookie, "laptop-two");
    expect((await bearerGet(server, "/api/entitlements", second)).status).toBe(200);
    const sessions = await fetch(`${server.url}/sessions`, { headers: { cookie } });
    const html = await sessions.text();
    expect(html).toContain("laptop-two");
    const row = await db.session.findFirstOrThrow({
      where: { kind: "terminal", userAgent: { startsWith: "laptop-two" } },
    });
    const actionId = [
      ...html.matchAll(/name="\$ACTION_ID_([0-9a-f]+)"[^]*?name="sessionId" value="([0-9a-f]{64})"/g),
    ].find((m) => m[2] === row.id);
    expect(actionId, "a Sign out form for the terminal").toBeTruthy();
    const form = new FormData();
    form.set(`$ACTION_ID_${actionId![1]}`, "");
    form.set("sessionId", row.id);
    const revoked = await fetch(`${server.url}/sessions`, {
      method: "POST",
      headers: { cookie, origin: "http://localhost:3000", "x-forwarded-host": "localhost:3000" },
      body: form,
    });
    expect(revoked.status).toBeLessThan(400);
    const afterRevoke = await bearerGet(server, "/api/entitlements", second);
    expect(await afterRevoke.json()).toMatchObject({ error: { reason: "revoked" } });
    // The browser session that revoked it is untouched.
    expect((await fetch(`${server.url}/api/entitlements`, { headers: { cookie } })).status).toBe(200);
  });

  it("names why a token stopped working: lifetime ended, suspended", async () => {
    const person: SamlPerson = { email: "frank@example.com", groups: ["engineering"] };
    const token = await signInTerminal(server, await signInOverHttp(server, person));
    const row = await db.session.findFirstOrThrow({ where: { kind: "terminal" }, orderBy: { createdAt: "desc" } });
    await db.user.update({ where: { id: row.userId }, data: { suspendedAt: new Date() } });
    const suspended = await bearerGet(server, "/api/entitlements", token);
    expect(await suspended.json()).toMatchObject({ error: { code: "unauthenticated", reason: "suspended" } });
    await db.user.update({ where: { id: row.userId }, data: { suspendedAt: null } });
    await db.session.update({ where: { id: row.id }, data: { expiresAt: new Date(Date.now() - 1000) } });
    // Ended once, and reported as such on every later request.
    for (let i = 0; i < 2; i++) {
      const expired = await bearerGet(server, "/api/entitlements", token);
      expect(expired.status).toBe(401);
      expect(await expired.json()).toMatchObject({ error: { reason: "expired" } });
    }
  });

  it("loses a role when the IdP takes the group away in the browser (passive refresh)", async () => {
    const person: SamlPerson = { email: "dana@example.com", groups: ["engineering", "sre"] };
    const cookie = await signInOverHttp(server, person);
    const token = await signInTerminal(server, cookie);
    const admin = { accountId: "222222222222", roleName: "Admin" };
    expect((await bearerPost(server, "/api/credentials", token, admin)).status).toBe(200);

    const answer = await samlAnswerFrom(server, { ...person, groups: ["engineering"] }, "passive=1&callbackUrl=/");
    const accepted = await postAcs(server, answer);
    const ticket = new URLSearchParams(accepted.headers.get("location")!.split("#")[1]).get("ticket")!;
    await redeemTicket(server, ticket, [answer.cookie, cookie].join("; "));

    const refused = await bearerPost(server, "/api/credentials", token, admin);
    expect(refused.status).toBe(403);
    expect(await refused.json()).toMatchObject({ error: { groups: ["sre"] } });
    const refresh = await db.auditEvent.findMany({ where: { action: "session.refresh_groups", actor: person.email } });
    expect(refresh.map((e) => JSON.parse(e.details!) as { kind?: string; removed: string[] })).toContainEqual(
      expect.objectContaining({ kind: "terminal", removed: ["sre"] }),
    );
  });

  it("asks for a browser round trip when its groups are stale", async () => {
    const token = await signInTerminal(
      server,
      await signInOverHttp(server, { email: "erin@example.com", groups: ["engineering"] }),
    );
    await db.session.updateMany({
      where: { kind: "terminal" },
      data: { groupsCheckedAt: new Date(Date.now() - 2 * 3600_000) },
    });
    const stale = await bearerPost(server, "/api/credentials", token, sandboxDeveloper);
    expect(stale.status).toBe(401);
    const body = (await stale.json()) as { error: { reason: string; refreshUrl: string } };
    expect(body.error).toMatchObject({
      reason: "groups_stale",
      refreshUrl: expect.stringMatching(/^\/signin\/refresh\?/),
    });
    // An interactive sign-in in the browser makes the terminal fresh again.
    await signInOverHttp(server, { email: "erin@example.com", groups: ["engineering"] });
    expect((await bearerPost(server, "/api/credentials", token, sandboxDeveloper)).status).toBe(200);
  });
});

describe("limits on the unauthenticated endpoints", () => {
  it("refuses large bodies", async () => {
    for (const path of ["/api/device/authorize", "/api/device/token"]) {
      const response = await postForm(server, path, { client_id: "airlock-cli", device_name: "x".repeat(5000) });
      expect(response.status).toBe(413);
      expect(await response.json()).toMatchObject({ error: "invalid_request" });
    }
  });

  it("rate-limits authorization requests per address with 429 and Retry-After", async () => {
    const statuses: number[] = [];
    let last: Response | undefined;
    for (let i = 0; i < 12; i++) {
      last = await postForm(server, "/api/device/authorize", { client_id: "airlock-cli" });
      statuses.push(last.status);
    }
    expect(statuses.slice(0, 10).every((s) => s === 200)).toBe(true);
    expect(statuses.at(-1)).toBe(429);
    expect(Number(last!.headers.get("retry-after"))).toBeGreaterThan(0);
    expect(await last!.json()).toMatchObject({ error: "rate_limited" });
  });

  it("caps pending authorizations per address", async () => {
    await db.deviceAuthorization.deleteMany();
    const statuses: number[] = [];
    for (let i = 0; i < 21; i++) {
      if (i % 10 === 0) await db.rateLimit.deleteMany();
      statuses.push((await postForm(server, "/api/device/authorize", { client_id: "airlock-cli" })).status);
    }
    expect(statuses.filter((s) => s === 200)).toHaveLength(20);
    expect(statuses.at(-1)).toBe(429);
  });
});
