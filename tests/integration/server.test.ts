import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startServer, startServerExpectingExit, type RunningServer } from "@/tests/support/server";

describe("the running portal", () => {
  let server: RunningServer;
  beforeAll(async () => {
    server = await startServer();
  });
  afterAll(() => server?.stop());

  it("migrates on first start and answers the health check", async () => {
    const response = await fetch(`${server.url}/api/health`);
    expect(response.status).toBe(200);
    expect(response.headers.get("cache-control")).toBe("no-store");
    expect(await response.json()).toEqual({ status: "ok" });
  });

  it("serves pages with the security headers", async () => {
    const response = await fetch(`${server.url}/`);
    expect(response.status).toBe(200);
    const csp = response.headers.get("content-security-policy") ?? "";
    const nonce = /'nonce-([^']+)'/.exec(csp)?.[1];
    expect(nonce).toBeTruthy();
    expect(csp).not.toContain("unsafe-eval");
    expect(csp).toContain("frame-ancestors 'none'");
    expect(response.headers.get("referrer-policy")).toBe("no-referrer");
    expect(response.headers.get("x-powered-by")).toBeNull();
    // Every script the page ships carries this request's nonce.
    const html = await response.text();
    const scripts = html.match(/<script[^>]*>/g) ?? [];
    expect(scripts.length).toBeGreaterThan(0);
    for (const tag of scripts) expect(tag).toContain(`nonce="${nonce}"`);
  });

  it("sends HSTS when the public URL is https behind a proxy", async () => {
    const response = await fetch(`${server.url}/api/health`, { headers: { "x-forwarded-proto": "https" } });
    expect(response.headers.get("strict-transport-security")).toMatch(/max-age=/);
  });

  it("writes structured JSON log lines", () => {
    const started = server
      .output()
      .split("\n")
      .filter((line) => line.startsWith("{"))
      .map((line) => JSON.parse(line) as Record<string, unknown>)
      .find((entry) => entry.event === "airlock_started");
    expect(started).toMatchObject({ level: "info", demo: true });
  });
});

describe("start-up with bad configuration", () => {
  it.each([
    [{ AIRLOCK_DEMO: "true", DATABASE_URL: "mysql:/nope" }, "DATABASE_URL"],
    [{ AIRLOCK_DEMO: "false", AIRLOCK_SECRET: "" }, "AIRLOCK_SECRET"],
    [{ AIRLOCK_DEMO: "true", AIRLOCK_URL: "not a url" }, "AIRLOCK_URL"],
  ])("prints one line naming the setting and exits non-zero (%#)", async (env, variable) => {
    const { code, stderr } = await startServerExpectingExit(env);
    expect(code).not.toBe(0);
    const lines = stderr.trim().split("\n");
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(new RegExp(`^Invalid configuration: ${variable} must be .+ Example: ${variable}=`));
  });
});
