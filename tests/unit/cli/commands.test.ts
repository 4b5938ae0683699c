import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { main } from "@/cli/src/main";

// The commands end to end against a stand-in Airlock (the contract's JSON answers), with a
// temporary HOME: what they print, which requests they make, and which files they leave.

const url = "https://airlock.example.com";
const roles = [
  {
    accountId: "111111111111",
    accountName: "sandbox",
    environment: "dev",
    partition: "aws",
    roleName: "Developer",
    description: null,
    maxSessionDuration: 28800,
    allowedSessionDuration: 28800,
  },
  {
    accountId: "222222222222",
    accountName: "staging",
    environment: "staging",
    partition: "aws",
    roleName: "ReadOnly",
    description: null,
    maxSessionDuration: 43200,
    allowedSessionDuration: 3600,
    defaultSessionDuration: 1800,
    requireReason: true,
  },
];

let home: string;
let requests: { method: string; path: string; body?: string; authorization: string | null }[];
let output: { stdout: string; stderr: string };
let credentialAnswer: () => Response;

function issued(expiresInMs: number) {
  return {
    accessKeyId: `ASIA${requests.length}`,
    secretAccessKey: "secret",
    sessionToken: "token",
    expiration: new Date(Date.now() + expiresInMs).toISOString(),
    accountId: "111111111111",
    accountName: "sandbox",
    roleName: "Developer",
    region: "eu-central-1",
  };
}

beforeEach(() => {
  home = mkdtempSync(path.join(os.tmpdir(), "airlock-cli-home-"));
  vi.stubEnv("HOME", home);
  vi.stubEnv("AIRLOCK_URL", "");
  vi.stubEnv("AWS_CONFIG_FILE", "");
  vi.stubEnv("AIRLOCK_NO_BROWSER", "1");
  requests = [];
  output = { stdout: "", stderr: "" };
  credentialAnswer = () => Response.json(issued(3_600_000));
  vi.spyOn(process.stdout, "write").mockImplementation((chunk) => ((output.stdout += String(chunk)), true));
  vi.spyOn(process.stderr, "write").mockImplementation((chunk) => ((output.stderr += String(chunk)), true));
  vi.stubGlobal("fetch", async (input: string, init: RequestInit) => {
    const { pathname } = new URL(input);
    const headers = new Headers(init.headers);
    requests.push({
      method: init.method ?? "GET",
      path: pathname,
      body: init.body as string,
      authorization: headers.get("authorization"),
    });
    if (headers.get("authorization") !== "Bearer airlock_secret")
      return Response.json(
        { error: { code: "unauthenticated", message: "Sign in.", reason: "revoked" } },
        { status: 401 },
      );
    if (pathname === "/api/entitlements")
      return Response.json({
        user: { email: "alice@example.com", name: "Alice" },
        session: {
          kind: "terminal",
          expiresAt: new Date(Date.now() + 3_600_000).toISOString(),
          idleTimeoutSeconds: 3600,
        },
        defaultRegion: "eu-central-1",
        roles,
      });
    if (pathname === "/api/credentials") return credentialAnswer();
    return new Response(null, { status: 404 });
  });
});

afterEach(() => {
  vi.unstubAllEnvs();
  vi.unstubAllGlobals();
  vi.restoreAllMocks();
  rmSync(home, { recursive: true, force: true });
});

async function signedIn(token = "airlock_secret") {
  const { saveSession } = await import("@/cli/src/session-store");
  saveSession({
    url,
    token,
    user: { email: "alice@example.com", name: "Alice" },
    expiresAt: new Date(Date.now() + 3_600_000).toISOString(),
  });
}

describe("airlock commands", () => {
  it("says to log in when there is no session (exit 3)", async () => {
    vi.stubEnv("AIRLOCK_URL", url);
    expect(await main(["creds", "--account", "111111111111", "--role", "Developer"])).toBe(3);
    expect(output.stderr).toBe(`airlock: You are not signed in to ${url}. Run \`airlock login\`.\n`);
    expect(requests).toEqual([]);
  });

  it("keeps the session file private", async () => {
    await signedIn();
    expect(statSync(path.join(home, ".airlock", "session.json")).mode & 0o777).toBe(0o600);
    expect(statSync(path.join(home, ".airlock")).mode & 0o777).toBe(0o700);
  });

  it("issues once for a burst of creds calls, from a private cache, as credential_process JSON", async () => {
    await signedIn();
    for (let i = 0; i < 3; i++)
      expect(await main(["creds", "--account", "111111111111", "--role", "Developer"])).toBe(0);
    expect(requests.filter((r) => r.path === "/api/credentials")).toHaveLength(1);
    expect(JSON.parse(requests[0].body!)).toEqual({ accountId: "111111111111", roleName: "Developer" });
    const first = JSON.parse(output.stdout.split("\n}\n")[0] + "\n}");
    expect(first).toEqual({
      Version: 1,
      AccessKeyId: "ASIA1",
      SecretAccessKey: "secret",
      SessionToken: "token",
      Expiration: expect.any(String),
    });
    const cacheDir = path.join(home, ".airlock", "cache");
    expect(statSync(cacheDir).mode & 0o777).toBe(0o700);
  });

  it("issues again when the cached credentials are within 5 minutes of expiry", async () => {
    await signedIn();
    credentialAnswer = () => Response.json(issued(4 * 60_000));
    await main(["creds", "--account", "111111111111", "--role", "Developer"]);
    await main(["creds", "--account", "111111111111", "--role", "Developer"]);
    expect(requests.filter((r) => r.path === "/api/credentials")).toHaveLength(2);
  });

  it("finds the account by name and says which group to ask for when not entitled", async () => {
    await signedIn();
    credentialAnswer = () =>
      Response.json(
        {
          error: {
            code: "forbidden",
            message: "You are not entitled to Developer in sandbox.",
            groups: ["engineering"],
          },
        },
        { status: 403 },
      );
    expect(await main(["creds", "--account", "Sandbox", "--role", "developer", "--format", "bash"])).toBe(6);
    expect(JSON.parse(requests.find((r) => r.path === "/api/credentials")!.body!)).toEqual({
      accountId: "111111111111",
      roleName: "Developer",
    });
    expect(output.stderr).toBe(
      "airlock: You are not entitled to Developer in sandbox. Ask to be added to the group engineering.\n",
    );
  });

  it("sends --reason with the request, and says how to give one when the role requires it (exit 11)", async () => {
    await signedIn();
    credentialAnswer = () =>
      Response.json(
        { error: { code: "reason_required", message: "production / Admin requires a reason for every session." } },
        { status: 400 },
      );
    expect(await main(["creds", "--account", "333333333333", "--role", "Admin"])).toBe(11);
    expect(output.stderr).toBe(
      'airlock: production / Admin requires a reason for every session. Pass it with --reason, e.g. --reason "INC-1234: restart the API".\n',
    );
    credentialAnswer = () => Response.json(issued(3_600_000));
    expect(
      await main(["creds", "--account", "333333333333", "--role", "Admin", "--reason", "  INC-42: rotate keys "]),
    ).toBe(0);
    expect(JSON.parse(requests.filter((r) => r.path === "/api/credentials")[1].body!)).toEqual({
      accountId: "333333333333",
      roleName: "Admin",
      reason: "INC-42: rotate keys",
    });
  });

  it("lists the roles, with a REASON column when a role requires one", async () => {
    await signedIn();
    expect(await main(["ls"])).toBe(0);
    expect(output.stdout).toBe(
      [
        "ACCOUNT ID    ACCOUNT  ENVIRONMENT  ROLE       MAX  REASON",
        "111111111111  sandbox  dev          Developer  8h",
        "222222222222  staging  staging      ReadOnly   1h   required",
        "",
      ].join("\n"),
    );
  });

  it("reports a revoked session with exit 4", async () => {
    await signedIn("airlock_revoked");
    expect(await main(["ls"])).toBe(4);
    expect(output.stderr).toMatch(/revoked.*airlock login/);
  });

  it("writes the profiles into ~/.aws/config, keeps the rest and a backup, and is idempotent", async () => {
    await signedIn();
    const config = path.join(home, ".aws", "config");
    const { mkdirSync } = await import("node:fs");
    mkdirSync(path.dirname(config));
    writeFileSync(config, "[default]\nregion = us-west-2\n", { mode: 0o644 });
    expect(await main(["config", "--write"])).toBe(0);
    const written = readFileSync(config, "utf8");
    expect(written).toMatch(/^\[default\]\nregion = us-west-2\n\n# >>> airlock managed profiles >>>\n/);
    expect(written).toContain(
      "[profile sandbox-developer]\ncredential_process = airlock creds --account 111111111111 --role Developer\nregion = eu-central-1\n",
    );
    expect(readFileSync(`${config}.airlock-backup`, "utf8")).toBe("[default]\nregion = us-west-2\n");
    expect(statSync(config).mode & 0o777).toBe(0o644);
    expect(await main(["config", "--write"])).toBe(0);
    expect(readFileSync(config, "utf8")).toBe(written);
    expect(output.stderr).toContain("is up to date (2 Airlock profiles)");
  });

  it("refuses to write over a profile of the same name outside its block (exit 2)", async () => {
    await signedIn();
    const config = path.join(home, "custom-config");
    vi.stubEnv("AWS_CONFIG_FILE", config);
    writeFileSync(config, "[profile sandbox-developer]\nregion = us-west-2\n");
    expect(await main(["config", "--write"])).toBe(2);
    expect(output.stderr).toMatch(
      /already has profiles named sandbox-developer outside Airlock's block: pass --prefix/,
    );
    expect(readFileSync(config, "utf8")).toBe("[profile sandbox-developer]\nregion = us-west-2\n");
    expect(await main(["config", "--write", "--prefix", "acme-"])).toBe(0);
    expect(readFileSync(config, "utf8")).toContain("[profile acme-sandbox-developer]");
  });
});
