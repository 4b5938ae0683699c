import { chromium, type Browser } from "@playwright/test";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createDb, type Db } from "@/lib/db/client";
import { migrateDatabase } from "@/lib/db/migrate";
import { parseProviderMetadata } from "@/dev/aws-emulator/verify-saml";
import { seedDemo } from "@/prisma/seed";
import { chromiumLaunchOptions } from "@/tests/support/chromium";
import { createSigningMaterial } from "@/tests/support/federation-fixtures";
import {
  postAcs,
  redeemTicket,
  samlAnswerFrom,
  samlServerEnv,
  signInOverHttp,
  testIdpKey,
} from "@/tests/support/http-session";
import { createDatabase, startPostgres, type PostgresServer } from "@/tests/support/postgres";
import { startServer, type RunningServer } from "@/tests/support/server";

// Two Airlock instances behind one public URL, sharing one PostgreSQL server of this test's own
// (the outage test stops and restarts it).
let postgres: PostgresServer;
let db: Db;
let first: RunningServer;
let second: RunningServer;
let browser: Browser;

const idpKey = testIdpKey;

let nextCertificateBase64: string;

beforeAll(async () => {
  const next = await createSigningMaterial("next");
  nextCertificateBase64 = next.certificateBase64;
  postgres = await startPostgres();
  const databaseUrl = await createDatabase(postgres.adminUrl, "airlock_shared");
  await migrateDatabase({ databaseUrl });
  db = createDb(databaseUrl);
  await seedDemo(db);
  // What every instance of one deployment shares: public URL, database, session secret, signing key.
  const shared = samlServerEnv({
    DATABASE_URL: databaseUrl,
    AIRLOCK_DATABASE_TIMEOUT: "3",
    // Mid-rotation: the next signing certificate is published beside the current one.
    AIRLOCK_SIGNING_EXTRA_CERTS: next.certificatePem,
  });
  [first, second] = await Promise.all([startServer(shared), startServer(shared)]);
  browser = await chromium.launch(chromiumLaunchOptions);
}, 180_000);

afterAll(async () => {
  await browser?.close();
  await Promise.all([first?.stop(), second?.stop()]);
  await db?.$disconnect();
  postgres?.stop();
});

let session: string;

describe("two Airlock instances on one PostgreSQL", () => {
  it("refuse a SAML answer on the second instance that the first already accepted", async () => {
    const answer = await samlAnswerFrom(first);
    const accepted = await postAcs(first, answer);
    expect(accepted.status).toBe(303);
    const location = accepted.headers.get("location")!;
    expect(location).toMatch(/^\/signin\/saml#/);

    const replayed = await postAcs(second, answer);
    expect(replayed.status).toBe(303);
    expect(replayed.headers.get("location")).toBe("/signin/error?reason=saml_replayed");

    // The login ticket the first instance issued is redeemed on the second: tickets are shared too.
    const ticket = new URLSearchParams(location.split("#")[1]).get("ticket")!;
    session = await redeemTicket(second, ticket, answer.cookie);
    const audit = await db.auditEvent.findMany({ where: { action: "signin" }, orderBy: { createdAt: "asc" } });
    expect(audit.map((e) => `${e.outcome} ${e.reason ?? ""}`.trim()).sort()).toEqual([
      "failure saml_replayed",
      "success",
    ]);
  }, 90_000); // the first requests to two fresh servers compile their routes: slow on a busy machine

  it("finish on one instance a SAML sign-in that started on the other (pending requests are shared)", async () => {
    const answer = await samlAnswerFrom(second);
    const accepted = await postAcs(first, answer);
    expect(accepted.status).toBe(303);
    expect(accepted.headers.get("location")).toMatch(/^\/signin\/saml#ticket=/);
  });

  it("accept a session created on one instance on the other", async () => {
    for (const server of [first, second]) {
      const home = await fetch(`${server.url}/`, { headers: { cookie: session }, redirect: "manual" });
      expect(home.status).toBe(200);
      // React separates the text parts with a comment in server-rendered HTML.
      expect(await home.text()).toMatch(/Welcome, (<!-- -->)?Alice Example/);
    }
  });

  it("show an admin change made on one instance on the other at the next page load", async () => {
    const before = await (await fetch(`${second.url}/`, { headers: { cookie: session } })).text();
    expect(before).not.toContain("SharedDbRole");

    const context = await browser.newContext();
    const [name, value] = session.split(/=(.*)/s);
    await context.addCookies([{ name, value, domain: "127.0.0.1", path: "/", httpOnly: true, sameSite: "Lax" }]);
    const page = await context.newPage();
    await page.goto(`${first.url}/admin/accounts/111111111111`);
    const newRole = page.getByRole("region", { name: "Add a role" });
    await newRole.getByLabel("Role name").fill("SharedDbRole");
    await newRole.getByRole("button", { name: "Create role" }).click();
    await expect.poll(() => newRole.getByRole("status").textContent()).toBe("Role SharedDbRole created.");
    const role = page.getByRole("listitem", { name: "Role SharedDbRole" });
    await role.getByLabel("Group").fill("engineering");
    await role.getByRole("button", { name: "Map group to SharedDbRole" }).click();
    await role.getByRole("button", { name: "Unmap engineering from SharedDbRole" }).waitFor();
    await context.close();

    const after = await (await fetch(`${second.url}/`, { headers: { cookie: session } })).text();
    expect(after).toContain("SharedDbRole");
  });

  it("honour on the other instance, at the next request, an admin's revocation made on one", async () => {
    const erin = await signInOverHttp(second, { email: "erin@example.com", name: "Erin", groups: ["engineering"] });
    for (const server of [first, second])
      expect((await fetch(`${server.url}/`, { headers: { cookie: erin }, redirect: "manual" })).status).toBe(200);

    const context = await browser.newContext();
    const [name, value] = session.split(/=(.*)/s);
    await context.addCookies([{ name, value, domain: "127.0.0.1", path: "/", httpOnly: true, sameSite: "Lax" }]);
    const page = await context.newPage();
    await page.goto(`${first.url}/admin/people?q=erin`);
    await page.getByRole("link", { name: "Erin (erin@example.com)" }).click();
    const revoke = page.getByRole("region", { name: "Revoke access" });
    await revoke.getByLabel("Reason").fill("Left the company");
    await revoke.getByRole("button", { name: "Revoke access for erin@example.com" }).click();
    await page
      .getByRole("dialog", { name: "Revoke access for erin@example.com?" })
      .getByRole("button", { name: "Revoke access" })
      .click();
    await expect
      .poll(() => revoke.getByRole("status").textContent())
      .toBe("Access revoked for erin@example.com: 1 session ended.");
    await context.close();

    const next = await fetch(`${second.url}/`, { headers: { cookie: erin }, redirect: "manual" });
    expect(next.status).toBe(307);
    expect(next.headers.get("location")).toBe("/signin?callbackUrl=%2F");
  });

  it("publish the same IdP metadata, listing the current and the next signing certificate", async () => {
    const [a, b] = await Promise.all(
      [first, second].map(async (server) => (await fetch(`${server.url}/api/saml/idp/metadata`)).text()),
    );
    expect(a).toBe(b);
    expect(parseProviderMetadata(a).certificatesBase64).toEqual([idpKey.certificateBase64, nextCertificateBase64]);
  });

  it("answer 503 and a clear page while PostgreSQL is down, and recover by themselves when it is back", async () => {
    const answer = await samlAnswerFrom(first);
    postgres.pause();
    try {
      // A SAML sign-in that arrives now is told the database is the cause, not that it was invalid.
      const acs = await postAcs(first, answer);
      expect(acs.headers.get("location")).toBe("/signin/error?reason=database_unavailable");

      for (const server of [first, second]) {
        const health = await fetch(`${server.url}/api/health`);
        expect(health.status).toBe(503);
        expect(health.headers.get("retry-after")).toBe("30");
        expect(await health.json()).toEqual({
          status: "unavailable",
          reason: expect.stringContaining("database unavailable"),
        });
      }
      const issuance = await fetch(`${first.url}/api/credentials`, {
        method: "POST",
        headers: { cookie: session, "content-type": "application/json" },
        body: JSON.stringify({ accountId: "111111111111", roleName: "ReadOnly" }),
      });
      expect(issuance.status).toBe(503);
      expect(issuance.headers.get("retry-after")).toBe("30");
      expect(((await issuance.json()) as { error: { message: string } }).error.message).toContain(
        "Airlock cannot reach its database right now",
      );

      // A page answers 503 itself, with the explanation in its HTML (no script has to run first).
      for (const path of ["/", "/sessions", "/admin/audit", "/signin/error?reason=database_unavailable"]) {
        const html = await fetch(`${first.url}${path}`, { headers: { cookie: session }, redirect: "manual" });
        expect(html.status, path).toBe(503);
        expect(html.headers.get("retry-after")).toBe("30");
        expect(html.headers.get("content-type")).toContain("text/html");
        expect(html.headers.get("content-security-policy")).toContain("default-src 'self'");
        const text = await html.text();
        expect(text).toContain("<h1>Airlock cannot reach its database right now</h1>");
        expect(text).toContain("tell your Airlock administrators");
      }

      const context = await browser.newContext({ javaScriptEnabled: false });
      const [name, value] = session.split(/=(.*)/s);
      await context.addCookies([{ name, value, domain: "127.0.0.1", path: "/", httpOnly: true, sameSite: "Lax" }]);
      const page = await context.newPage();
      const navigation = await page.goto(`${second.url}/`);
      expect(navigation?.status()).toBe(503);
      await expect
        .poll(() => page.getByRole("heading", { level: 1 }).textContent())
        .toBe("Airlock cannot reach its database right now");

      postgres.resume();
      // The open page (scripts off: the HTML alone) reloads by itself and shows the portal again.
      await expect
        .poll(() => page.getByRole("heading", { level: 1 }).textContent(), { timeout: 20_000 })
        .toBe("Welcome, Alice Example");
      await context.close();
    } finally {
      postgres.resume();
    }
    for (const server of [first, second]) expect((await fetch(`${server.url}/api/health`)).status).toBe(200);
    // Neither instance crashed or restarted: the same processes answer.
    expect(first.output() + second.output()).not.toMatch(/uncaughtException|unhandledRejection/i);
  });
});
