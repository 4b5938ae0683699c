import { spawn, execFile } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { GetCallerIdentityCommand, STSClient } from "@aws-sdk/client-sts";
import { fromIni } from "@aws-sdk/credential-provider-ini";
import { expect, test } from "@playwright/test";
import { emulatorRequests, emulatorUrl, signInWithOidc } from "./helpers";

// The "done when", end to end on the demo stack: the CLI installed as the Terminal page
// says, `airlock login --no-browser` approved in Chromium by alice, `airlock config --write` into a
// temporary HOME, then the Debian AWS CLI and the JS SDK's fromIni use her sandbox Developer
// profile through credential_process, with one issuance for all of them.

type Run = { code: number; stdout: string; stderr: string };
const aliceDeveloperArn = "arn:aws:sts::111111111111:assumed-role/Developer/alice@example.com";
const profile = "sandbox-developer";

let scratch: string;
let home: string;
let prefix: string;

/** This machine's environment without any AWS or Airlock settings, with the temporary HOME and CLI. */
function cleanEnv(): NodeJS.ProcessEnv {
  const env = { ...process.env };
  for (const name of Object.keys(env)) if (/^(AWS_|AIRLOCK_)/.test(name)) delete env[name];
  return {
    ...env,
    HOME: home,
    PATH: `${path.join(prefix, "bin")}${path.delimiter}${process.env.PATH}`,
    AWS_EC2_METADATA_DISABLED: "true",
    npm_config_cache: path.join(scratch, "npm-cache"),
    npm_config_audit: "false",
    npm_config_fund: "false",
    npm_config_update_notifier: "false",
  };
}

function run(file: string, args: string[]): Promise<Run> {
  return new Promise((resolve) =>
    execFile(file, args, { env: cleanEnv(), timeout: 120_000 }, (error, stdout, stderr) =>
      resolve({ code: error ? Number(error.code ?? 1) : 0, stdout, stderr }),
    ),
  );
}

const assumeRoleCalls = async () =>
  (await emulatorRequests()).filter((r) => r.action === "AssumeRoleWithSAML" && r.outcome === "success").length;

test.beforeAll(() => {
  scratch = mkdtempSync(path.join(os.tmpdir(), "airlock-e2e-terminal-"));
  home = path.join(scratch, "home");
  prefix = path.join(scratch, "prefix");
});
test.afterAll(() => rmSync(scratch, { recursive: true, force: true }));

test("install, device login approved in the browser, config --write, then the AWS CLI and fromIni use alice's profile with one issuance", async ({
  page,
}) => {
  test.setTimeout(240_000);
  await signInWithOidc(page, "alice@example.com", "alice");

  // 1. The install command exactly as the Terminal page shows it, into a temporary prefix.
  await page.getByRole("link", { name: "Terminal" }).click();
  await expect(page.getByRole("heading", { name: "Terminal", level: 1 })).toBeVisible();
  const install = (await page.getByText(/^npm install -g /).textContent())!.trim();
  expect(install).toMatch(/^npm install -g http:\/\/localhost:\d+\/cli\/airlock\.tgz$/);
  await expect(page.getByText(`aws s3 ls --profile `)).toBeVisible();
  const [npm, ...npmArgs] = install.split(" ");
  const installed = await run(npm, [...npmArgs, "--prefix", prefix]);
  expect(installed.stderr).not.toMatch(/ERR!/);
  expect(installed.code).toBe(0);

  // 2. airlock login --no-browser: read the code and link it prints, approve in Chromium.
  const login = spawn("airlock", ["login", "--no-browser"], { env: cleanEnv(), stdio: ["ignore", "pipe", "pipe"] });
  let loginOutput = "";
  login.stdout.on("data", (chunk) => (loginOutput += chunk));
  login.stderr.on("data", (chunk) => (loginOutput += chunk));
  const loginExit = new Promise<number | null>((resolve) => login.once("exit", resolve));
  await expect.poll(() => loginOutput, { timeout: 20_000 }).toMatch(/Direct link: \S+/);
  const userCode = /the code (\S+),/.exec(loginOutput)![1];
  const direct = /Direct link: (\S+)/.exec(loginOutput)![1];
  await page.goto(direct);
  await expect(page.getByTestId("device-code")).toHaveText(userCode);
  await page.getByRole("button", { name: "Approve" }).click();
  expect(await loginExit).toBe(0);
  expect(loginOutput).toContain("Signed in to http://localhost:");
  expect(loginOutput).toContain("as alice@example.com");

  // 3. The profiles, into ~/.aws/config of the temporary HOME.
  const config = await run("airlock", ["config", "--write"]);
  expect(config.code).toBe(0);
  const configText = readFileSync(path.join(home, ".aws", "config"), "utf8");
  expect(configText).toContain(
    `[profile ${profile}]\ncredential_process = airlock creds --account 111111111111 --role Developer\n`,
  );

  // 4. The Debian AWS CLI, then the JS SDK, then the AWS CLI again: one issuance in all.
  const before = await assumeRoleCalls();
  const identity = await run("aws", [
    "sts",
    "get-caller-identity",
    "--profile",
    profile,
    "--endpoint-url",
    emulatorUrl,
  ]);
  expect(identity.stderr).toBe("");
  expect(JSON.parse(identity.stdout).Arn).toBe(aliceDeveloperArn);
  expect(await assumeRoleCalls()).toBe(before + 1);

  const saved = { HOME: process.env.HOME, PATH: process.env.PATH };
  try {
    // The process provider runs credential_process with this process's environment.
    Object.assign(process.env, { HOME: home, PATH: cleanEnv().PATH });
    const credentials = await fromIni({
      profile,
      configFilepath: path.join(home, ".aws", "config"),
      filepath: path.join(home, ".aws", "credentials"),
      ignoreCache: true,
    })();
    const sts = new STSClient({ region: "us-east-1", endpoint: emulatorUrl, credentials });
    expect((await sts.send(new GetCallerIdentityCommand({}))).Arn).toBe(aliceDeveloperArn);
  } finally {
    Object.assign(process.env, saved);
  }

  const again = await run("aws", ["sts", "get-caller-identity", "--profile", profile, "--endpoint-url", emulatorUrl]);
  expect(JSON.parse(again.stdout).Arn).toBe(aliceDeveloperArn);
  expect(await assumeRoleCalls()).toBe(before + 1);

  // 5. The other commands against the real portal: the console URL, the roles, a role she lacks.
  const consoleUrl = await run("airlock", ["console", "--account", "sandbox", "--role", "Developer", "--print"]);
  expect(consoleUrl.code).toBe(0);
  expect(consoleUrl.stdout).toMatch(/^http:\/\/localhost:\d+\/\S*SigninToken\S+\n$/);
  const ls = await run("airlock", ["ls", "--json"]);
  expect(
    (JSON.parse(ls.stdout) as { accountName: string; roleName: string }[]).map((r) => `${r.accountName}/${r.roleName}`),
  ).toEqual(["production/ReadOnly", "sandbox/Developer", "staging/ReadOnly"]);
  const refused = await run("airlock", ["creds", "--account", "222222222222", "--role", "Admin"]);
  expect(refused).toMatchObject({ code: 6, stdout: "" });
  expect(refused.stderr).toMatch(
    /^airlock: You are not entitled to role Admin in account 222222222222\. Ask to be added to the group sre\.\n$/,
  );

  // 6. logout ends the terminal session on the server: its token no longer works.
  const { token, url } = JSON.parse(readFileSync(path.join(home, ".airlock", "session.json"), "utf8")) as {
    token: string;
    url: string;
  };
  expect((await run("airlock", ["logout"])).code).toBe(0);
  const afterLogout = await fetch(`${url}/api/entitlements`, { headers: { authorization: `Bearer ${token}` } });
  expect(afterLogout.status).toBe(401);
  expect((await run("airlock", ["ls"])).code).toBe(3);
});
