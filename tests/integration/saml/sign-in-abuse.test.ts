import { readFileSync } from "node:fs";
import { request as httpRequest } from "node:http";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { createDb, type Db } from "@/lib/db/client";
import { postAcs, samlAnswerFrom, samlServerEnv } from "@/tests/support/http-session";
import { startServer, type RunningServer } from "@/tests/support/server";
import { createTempDb, type TempDb } from "@/tests/support/temp-db";

/**
 * Unauthenticated denial of service against the sign-in endpoints, over real HTTP against the
 * production build: oversized bodies, XML built to be costly to parse, request floods that write
 * rows, and rows that outlive their use.
 */

const SIGNIN_RATE_LIMIT = 10;
let temp: TempDb;
let server: RunningServer;
let db: Db;

// Rows already past expiry when the server starts: its sweep must delete them.
async function seedExpiredRows() {
  const expiresAt = new Date(Date.now() - 60_000);
  await temp.db.samlPendingRequest.create({ data: { requestId: "_stale", browserHash: "h", expiresAt } });
  await temp.db.loginTicket.create({
    data: { tokenHash: "stale", idp: "saml:x", subject: "s", email: "a@example.com", username: "a", expiresAt },
  });
  await temp.db.samlReplay.create({ data: { assertionId: "_stale", expiresAt } });
  await temp.db.rateLimit.create({
    data: { key: "stale", windowStart: new Date(Date.now() - 2 * 3600_000), count: 1 },
  });
}

beforeAll(async () => {
  temp = await createTempDb();
  await seedExpiredRows();
  server = await startServer(
    samlServerEnv({
      DATABASE_URL: temp.databaseUrl,
      AIRLOCK_SIGNIN_RATE_LIMIT: String(SIGNIN_RATE_LIMIT),
      // The test's addresses come in X-Forwarded-For, as from a reverse proxy.
      AIRLOCK_TRUSTED_PROXIES: "1",
    }),
  );
  db = createDb(server.databaseUrl);
});
afterAll(async () => {
  await db?.$disconnect();
  await server?.stop();
  await temp?.cleanup();
});

const rssBytes = (pid: number) =>
  Number(/VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, "utf8"))![1]) * 1024;

/**
 * POSTs `totalBytes` to the ACS in chunks (no Content-Length), waiting whenever the server stops
 * reading and stopping once it answers or drops the connection: how much was sent, and the answer.
 */
async function postChunked(totalBytes: number): Promise<{ sent: number; status?: number; body: string }> {
  const req = httpRequest(new URL(`${server.url}/api/saml/acs`), {
    method: "POST",
    headers: { "content-type": "application/x-www-form-urlencoded" },
  });
  let status: number | undefined;
  let body = "";
  const finished = new Promise<void>((resolve) => {
    req.on("response", (res) => {
      status = res.statusCode;
      res.on("data", (c) => (body += c));
      res.on("end", resolve);
      res.on("error", resolve);
    });
    req.on("error", () => undefined); // the server closing mid-upload: the answer, if any, is kept above
    req.on("close", resolve);
  });
  let isFinished = false;
  void finished.then(() => (isFinished = true));
  const chunk = Buffer.alloc(64 * 1024, "A");
  let sent = 0;
  req.write("SAMLResponse=");
  const deadline = Date.now() + 60_000;
  while (!isFinished && sent < totalBytes && Date.now() < deadline) {
    sent += chunk.length;
    if (!req.write(chunk)) await Promise.race([new Promise((r) => req.once("drain", r)), finished]);
  }
  if (!isFinished) req.end();
  await finished;
  req.destroy();
  return { sent, status, body };
}

describe("POST /api/saml/acs with an oversized chunked body", () => {
  it("answers 413 without reading the body to the end or holding it in memory", async () => {
    // Load the route first, so that loading it does not count as growth.
    await fetch(`${server.url}/api/saml/acs`, { method: "POST", redirect: "manual", body: "SAMLResponse=x" });
    const before = rssBytes(server.pid);
    const total = 50 * 1024 * 1024;
    const { sent, status, body } = await postChunked(total);
    // The server answers 413 and closes the connection while the client is still sending; the
    // client's TCP stack may then see the close as a reset before it reads the answer (a race of
    // the operating system's, not Airlock's). Either way the server stopped reading early.
    if (status !== undefined) {
      expect(status, `answer after ${sent} bytes`).toBe(413);
      expect(body).toContain("The SAML response is too large");
    }
    expect(sent, "the server answered before the body ended").toBeLessThan(total);
    const growth = rssBytes(server.pid) - before;
    expect(growth, `grew ${Math.round(growth / 1024 / 1024)} MB`).toBeLessThan(48 * 1024 * 1024);
  });
});

describe("POST /api/saml/acs with XML built to be costly to parse", () => {
  it.each([
    ["deeply nested", "<x>".repeat(5000) + "</x>".repeat(5000), "saml_xml_too_deep"],
    ["an element flood", "<x/>".repeat(50_000), "saml_xml_too_many_elements"],
  ])("%s: refused with its audit reason", async (_name, extra, reason) => {
    const answer = await samlAnswerFrom(server);
    const xml = Buffer.from(answer.body.get("SAMLResponse")!, "base64").toString("utf8");
    answer.body.set(
      "SAMLResponse",
      Buffer.from(xml.replace("</saml:Subject>", `</saml:Subject>${extra}`)).toString("base64"),
    );
    const refused = await postAcs(server, answer);
    expect(refused.status).toBe(303);
    expect(refused.headers.get("location")).toBe("/signin/error?reason=saml_invalid");
    const audit = await db.auditEvent.findFirst({ where: { action: "signin" }, orderBy: { createdAt: "desc" } });
    expect(audit).toMatchObject({ outcome: "failure", reason: reason });
  });
});

describe("sign-in endpoints are rate-limited per client address", () => {
  // The limit counts per minute of the clock: start each test with at least 15 s of its minute
  // left, so the count cannot restart halfway through.
  beforeEach(async () => {
    const left = 60_000 - (Date.now() % 60_000);
    if (left < 15_000) await new Promise((r) => setTimeout(r, left));
  });
  const from = (ip: string, headers: Record<string, string> = {}) => ({ "x-forwarded-for": ip, ...headers });
  const login = (headers: Record<string, string>) =>
    fetch(`${server.url}/api/saml/login?callbackUrl=/`, { redirect: "manual", headers });

  it("GET /api/saml/login answers 429 after the limit and stops writing rows; other addresses go on", async () => {
    const attacker = from("203.0.113.7");
    for (let i = 0; i < SIGNIN_RATE_LIMIT; i++) expect((await login(attacker)).status).toBe(302);
    const pendingRows = await db.samlPendingRequest.count();

    const refused = await login(attacker);
    expect(refused.status).toBe(429);
    expect(Number(refused.headers.get("retry-after"))).toBeGreaterThan(0);
    expect(Number(refused.headers.get("retry-after"))).toBeLessThanOrEqual(60);
    expect(((await refused.json()) as { error: { code: string } }).error.code).toBe("rate_limited");
    for (let i = 0; i < 5; i++) expect((await login(attacker)).status).toBe(429);
    expect(await db.samlPendingRequest.count()).toBe(pendingRows);

    expect((await login(from("198.51.100.9"))).status).toBe(302);
  });

  it("a browser navigation gets a page that says what happened; the ACS and next-auth's sign-in POSTs count too", async () => {
    const attacker = from("203.0.113.8");
    for (let i = 0; i < SIGNIN_RATE_LIMIT; i++) await login(attacker);
    const page = await login({ ...attacker, accept: "text/html", "sec-fetch-mode": "navigate" });
    expect(page.status).toBe(429);
    expect(page.headers.get("content-type")).toMatch(/^text\/html/);
    expect(await page.text()).toContain("Too many sign-in attempts");

    const acs = await fetch(`${server.url}/api/saml/acs`, {
      method: "POST",
      headers: attacker,
      body: "SAMLResponse=x",
    });
    expect(acs.status).toBe(429);
    for (const action of ["signin/oidc", "callback/saml-ticket"]) {
      const nextAuth = await fetch(`${server.url}/api/auth/${action}`, {
        method: "POST",
        redirect: "manual",
        headers: { ...attacker, "content-type": "application/x-www-form-urlencoded" },
        body: "json=true",
      });
      expect(nextAuth.status).toBe(429);
      expect(((await nextAuth.json()) as { url: string }).url).toMatch(/\/signin\/error\?reason=rate_limited$/);
    }
    // The OIDC callback is a GET from the IdP's redirect, and counts like the rest.
    const callback = await fetch(`${server.url}/api/auth/callback/oidc?code=x&state=y`, {
      redirect: "manual",
      headers: attacker,
    });
    expect(callback.status).toBe(429);
  });

  it("counts an IPv6 caller by its /64, so changing the interface identifier does not reset the count", async () => {
    const host = (n: number) => from(`2001:db8:1:2::${(n + 1).toString(16)}`);
    for (let i = 0; i < SIGNIN_RATE_LIMIT; i++) expect((await login(host(i))).status).toBe(302);
    expect((await login(host(SIGNIN_RATE_LIMIT))).status).toBe(429);
    expect((await login(from("2001:db8:1:3::1"))).status).toBe(302);
  });
});

describe("POST /api/auth/* with an oversized body", () => {
  it("answers 413 before next-auth reads the body", async () => {
    const big = await fetch(`${server.url}/api/auth/callback/saml-ticket`, {
      method: "POST",
      redirect: "manual",
      headers: { "x-forwarded-for": "192.0.2.44", "content-type": "application/x-www-form-urlencoded" },
      body: `ticket=${"A".repeat(600 * 1024)}`,
    });
    expect(big.status).toBe(413);
    expect(big.headers.get("connection")).toBe("close");
    expect(await big.text()).toContain("Airlock accepts at most 64 KiB");
  });
});

describe("expired rows", () => {
  it("are deleted by the running server's sweep, in all four tables", async () => {
    const stale = async () =>
      (await db.samlPendingRequest.count({ where: { requestId: "_stale" } })) +
      (await db.loginTicket.count({ where: { tokenHash: "stale" } })) +
      (await db.samlReplay.count({ where: { assertionId: "_stale" } })) +
      (await db.rateLimit.count({ where: { key: "stale" } }));
    // The sweep runs at start-up: wait for it (bounded), never for a fixed time.
    const deadline = Date.now() + 20_000;
    while ((await stale()) > 0 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 200));
    expect(await stale()).toBe(0);
  });
});
