import { execFile } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createDb, type Db } from "@/lib/db/client";
import { buildAwsConfig } from "@/lib/terminal/aws-config";
import { seedDemo } from "@/prisma/seed";
import { samlServerEnv, signInOverHttp } from "@/tests/support/http-session";
import { startServer, type RunningServer } from "@/tests/support/server";

// The CLI as Airlock serves it (GET /cli/airlock.tgz), installed by the real npm, and the Terminal
// page with its "Download my AWS config", read back by the real AWS CLI.

const publicUrl = "http://localhost:3000"; // samlServerEnv's AIRLOCK_URL
type Run = { code: number; stdout: string; stderr: string };

function run(file: string, args: string[], env: NodeJS.ProcessEnv): Promise<Run> {
  return new Promise((resolve) =>
    execFile(file, args, { env, timeout: 120_000 }, (error, stdout, stderr) =>
      resolve({ code: error ? Number(error.code ?? 1) : 0, stdout, stderr }),
    ),
  );
}

let server: RunningServer;
let db: Db;
let session: string;
const scratch = mkdtempSync(path.join(os.tmpdir(), "airlock-cli-install-"));

beforeAll(async () => {
  server = await startServer(samlServerEnv());
  db = createDb(server.databaseUrl);
  await seedDemo(db);
  session = await signInOverHttp(server);
});
afterAll(async () => {
  await db?.$disconnect();
  await server?.stop();
  rmSync(scratch, { recursive: true, force: true });
});

describe("GET /cli/airlock.tgz", () => {
  it("is public, revalidated by ETag, and sets no cookie", async () => {
    const response = await fetch(`${server.url}/cli/airlock.tgz`);
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toBe("application/gzip");
    expect(response.headers.get("cache-control")).toBe("public, no-cache");
    expect(response.headers.get("set-cookie")).toBeNull();
    const etag = response.headers.get("etag")!;
    expect(etag).toMatch(/^"[\w-]+"$/);
    const again = await fetch(`${server.url}/cli/airlock.tgz`, { headers: { "if-none-match": etag } });
    expect(again.status).toBe(304);
  });

  it("installs with the real npm from its URL, with no registry, and runs", { timeout: 120_000 }, async () => {
    const prefix = path.join(scratch, "prefix");
    const env = {
      ...process.env,
      HOME: path.join(scratch, "home"),
      npm_config_cache: path.join(scratch, "npm-cache"),
      // Nothing to fetch but the tarball: an unreachable registry proves it.
      npm_config_registry: "http://127.0.0.1:9/",
      npm_config_audit: "false",
      npm_config_fund: "false",
      npm_config_update_notifier: "false",
    };
    const install = await run("npm", ["install", "-g", "--prefix", prefix, `${server.url}/cli/airlock.tgz`], env);
    expect(install.stderr + install.stdout).toContain("added 1 package");
    expect(install.code).toBe(0);

    const airlock = path.join(prefix, "bin", "airlock");
    const help = await run(airlock, ["--help"], env);
    expect(help.code).toBe(0);
    expect(help.stdout).toContain("airlock login [--url URL] [--no-browser]");
    expect(help.stdout).toMatch(/Exit codes:\n {3}2 {2}wrong usage/);

    // The package names the portal it came from, so a plain `airlock login` finds its way back.
    const status = await run(airlock, ["status"], env);
    expect(status).toMatchObject({ code: 3, stdout: "" });
    expect(status.stderr).toBe(`airlock: You are not signed in to ${publicUrl}. Run \`airlock login\`.\n`);
  });
});

describe("the Terminal page", () => {
  it("shows the install command for this portal and one of the person's real profiles", async () => {
    const response = await fetch(`${server.url}/terminal`, { headers: { cookie: session } });
    expect(response.status).toBe(200);
    const html = await response.text();
    expect(html).toContain(`npm install -g ${publicUrl}/cli/airlock.tgz`);
    expect(html).toContain("airlock config --write");
    expect(html).toContain("aws s3 ls --profile production-readonly");
    expect(html).toContain("Download my AWS config");
  });

  it.each(["/terminal", "/terminal/aws-config"])("sends %s to sign-in without a session", async (page) => {
    const response = await fetch(`${server.url}${page}`, { redirect: "manual" });
    expect(response.status).toBeGreaterThanOrEqual(300);
    expect(response.status).toBeLessThan(400);
    expect(response.headers.get("location")).toContain("/signin?callbackUrl=%2Fterminal");
  });

  it("downloads the same profiles as `airlock config`, which the AWS CLI reads", async () => {
    const response = await fetch(`${server.url}/terminal/aws-config`, { headers: { cookie: session } });
    expect(response.status).toBe(200);
    expect(response.headers.get("cache-control")).toBe("no-store");
    expect(response.headers.get("content-disposition")).toBe('attachment; filename="airlock-aws-config"');
    const text = await response.text();
    const roles = [
      { accountId: "111111111111", accountName: "sandbox", roleName: "Developer" },
      { accountId: "222222222222", accountName: "staging", roleName: "ReadOnly" },
      { accountId: "333333333333", accountName: "production", roleName: "ReadOnly" },
    ];
    expect(text).toBe(buildAwsConfig({ roles, region: "us-east-1", portalUrl: publicUrl }));

    const configFile = path.join(scratch, "aws-config");
    writeFileSync(configFile, text);
    const env = {
      ...process.env,
      AWS_CONFIG_FILE: configFile,
      AWS_SHARED_CREDENTIALS_FILE: path.join(scratch, "none"),
    };
    // botocore reads each profile back exactly (the AWS CLI v1 has no list-profiles).
    for (const role of roles) {
      const name = `${role.accountName}-${role.roleName.toLowerCase()}`;
      const command = await run("aws", ["configure", "get", "credential_process", "--profile", name], env);
      expect(command.stdout.trim()).toBe(`airlock creds --account ${role.accountId} --role ${role.roleName}`);
    }
    const region = await run("aws", ["configure", "get", "region", "--profile", "sandbox-developer"], env);
    expect(region.stdout.trim()).toBe("us-east-1");
  }, 120_000);
});
