import { readFileSync, statSync } from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parseProviderMetadata } from "@/dev/aws-emulator/verify-saml";
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

  it("publishes Airlock's IdP metadata with its certificate and nothing secret", async () => {
    const response = await fetch(`${server.url}/api/saml/idp/metadata`);
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toContain("application/samlmetadata+xml");
    const xml = await response.text();
    const metadata = parseProviderMetadata(xml);
    expect(metadata.entityId).toBe(`${server.url}/api/saml/idp/metadata`);
    expect(metadata.certificatesBase64).toHaveLength(1);
    expect(xml).not.toMatch(/PRIVATE KEY/);
    const key = readFileSync(path.join(server.dataDir, "saml-signing-key.pem"), "utf8");
    expect(statSync(path.join(server.dataDir, "saml-signing-key.pem")).mode & 0o077).toBe(0);
    expect(xml).not.toContain(key.split("\n")[1]);
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
    [
      { AIRLOCK_DEMO: "false", AIRLOCK_SECRET: "s".repeat(40), AIRLOCK_DATA_DIR: "/tmp/airlock-no-key" },
      "AIRLOCK_SIGNING_KEY",
    ],
    [
      {
        AIRLOCK_DEMO: "true",
        AIRLOCK_SIGNING_KEY: "/nonexistent/key.pem",
        AIRLOCK_SIGNING_CERT: "/nonexistent/cert.pem",
      },
      "AIRLOCK_SIGNING_KEY",
    ],
  ])("prints one line naming the setting and exits non-zero (%#)", async (env, variable) => {
    const { code, stderr } = await startServerExpectingExit(env);
    expect(code).not.toBe(0);
    const lines = stderr.trim().split("\n");
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(new RegExp(`^Invalid configuration: ${variable} must be .+ Example: ${variable}=`));
  });
});

describe("start-up with a malformed signing key given as text", () => {
  const key = readFileSync("tests/fixtures/saml/airlock-test-key.pem", "utf8");
  const keyBody = key.split("\n").filter((line) => line.length > 20 && !line.startsWith("-----"));
  it.each([
    ["a PEM whose header lost a character", key.replace("-----BEGIN", "----BEGIN")],
    [
      "a PEM with one character of its body changed",
      key.replace(keyBody[3], `${keyBody[3].slice(0, 10)}!${keyBody[3].slice(11)}`),
    ],
    ["secret-looking text", "correct-horse-battery-staple-7f3a9c2e1b"],
  ])("%s: names the setting and never prints the value", async (_, value) => {
    const { code, stderr } = await startServerExpectingExit({
      AIRLOCK_DEMO: "true",
      AIRLOCK_SIGNING_KEY: value,
      AIRLOCK_SIGNING_CERT: "tests/fixtures/saml/airlock-test-cert.pem",
    });
    expect(code).not.toBe(0);
    expect(stderr.trim()).toMatch(/^Invalid configuration: AIRLOCK_SIGNING_KEY must be [^\n]+$/);
    for (const part of [value, ...keyBody, ...value.split("\n")].filter((p) => p.length > 20))
      expect(stderr).not.toContain(part);
  });
});
