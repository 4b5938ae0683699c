import { execFile, spawnSync } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";

/**
 * The real consumers of credentials (the AWS CLI, boto3, the JS SDK's env, ini and process
 * providers, dotenv loaders), run as child processes in a scratch HOME with empty AWS config and
 * credentials files and no AWS_* variables from this machine: what each one reads, and whether
 * the emulator accepts what it signs.
 */

export type Seen = {
  accessKeyId: string;
  secretAccessKey: string;
  sessionToken: string;
  /** ISO 8601, or null when the client has no expiry for these credentials. */
  expiration: string | null;
  region: string | null;
  arn: string;
};

// The python3 on PATH may be another installation than Debian's, whose python3-boto3 CI installs.
const pythonWith = (module: string) =>
  ["python3", "/usr/bin/python3"].find(
    (file) => spawnSync(file, ["-c", `import ${module}`], { stdio: "ignore" }).status === 0,
  );
export const boto3Python = pythonWith("boto3") ?? "python3";
export const dotenvPython = pythonWith("dotenv");

const BOTO3 = `
import json, sys, boto3
session = boto3.Session(profile_name=sys.argv[2] or None)
credentials = session.get_credentials()
frozen = credentials.get_frozen_credentials()
expiry = getattr(credentials, "_expiry_time", None)
arn = session.client("sts", endpoint_url=sys.argv[1]).get_caller_identity()["Arn"]
print(json.dumps({"accessKeyId": frozen.access_key, "secretAccessKey": frozen.secret_key, "sessionToken": frozen.token,
  "expiration": expiry.isoformat() if expiry else None, "region": session.region_name, "arn": arn}))
`;

const JS_SDK = `
const { createRequire } = require("node:module");
const load = createRequire(process.env.AIRLOCK_REPO + "/package.json");
const { STSClient, GetCallerIdentityCommand } = load("@aws-sdk/client-sts");
const providers = {
  env: () => load("@aws-sdk/credential-provider-env").fromEnv(),
  ini: (profile) => load("@aws-sdk/credential-provider-ini").fromIni({ profile }),
  process: (profile) => load("@aws-sdk/credential-provider-process").fromProcess({ profile }),
};
(async () => {
  const [mode, endpoint, profile] = process.argv.slice(1);
  const provider = providers[mode](profile || undefined);
  const c = await provider();
  const client = new STSClient({ endpoint, credentials: provider, ...(profile ? { profile } : {}) });
  const region = await client.config.region();
  const { Arn } = await client.send(new GetCallerIdentityCommand({}));
  console.log(JSON.stringify({ accessKeyId: c.accessKeyId, secretAccessKey: c.secretAccessKey, sessionToken: c.sessionToken,
    expiration: c.expiration ? c.expiration.toISOString() : null, region, arn: Arn }));
})().catch((e) => { console.error(e); process.exit(1); });
`;

export type Run = { code: number; stdout: string; stderr: string };

export function createScratchHome() {
  const home = mkdtempSync(path.join(os.tmpdir(), "airlock-formats-"));
  const file = (name: string) => path.join(home, name);
  for (const name of ["config", "credentials"]) writeFileSync(file(name), "");

  /** This machine's environment without AWS_*, pointed at the scratch files, plus `extra`. */
  function environment(extra: Record<string, string> = {}): NodeJS.ProcessEnv {
    const env = { ...process.env };
    for (const name of Object.keys(env)) if (name.startsWith("AWS_")) delete env[name];
    return {
      ...env,
      HOME: home,
      AIRLOCK_REPO: process.cwd(),
      AWS_CONFIG_FILE: file("config"),
      AWS_SHARED_CREDENTIALS_FILE: file("credentials"),
      AWS_EC2_METADATA_DISABLED: "true",
      ...extra,
    };
  }

  // Asynchronous: an emulator in the calling process answers from its event loop.
  function run(command: string, args: string[], extra: Record<string, string> = {}): Promise<Run> {
    return new Promise((resolve) =>
      execFile(command, args, { env: environment(extra), cwd: home, timeout: 60_000 }, (error, stdout, stderr) =>
        resolve({ code: error ? Number(error.code ?? 1) : 0, stdout, stderr }),
      ),
    );
  }

  async function json(command: string, args: string[], extra: Record<string, string>): Promise<Seen> {
    const result = await run(command, args, extra);
    if (result.code !== 0) throw new Error(`${command} ${args[0]} failed (${result.code}):\n${result.stderr}`);
    const seen = JSON.parse(result.stdout) as Seen;
    return { ...seen, expiration: seen.expiration && new Date(seen.expiration).toISOString() };
  }

  return {
    home,
    file,
    run,
    /** The variables a shell has after running `script` (bash -c, or fish -c). */
    async variablesAfter(shell: "bash" | "fish", script: string): Promise<Record<string, string>> {
      const result = await run(shell, ["-c", `${script}\nenv -0`]);
      if (result.code !== 0) throw new Error(`${shell} failed:\n${result.stderr}`);
      const pairs = result.stdout.split("\0").filter(Boolean);
      const awsVars = pairs.filter(
        (p) => p.startsWith("AWS_") && !/^AWS_(CONFIG_FILE|SHARED_CREDENTIALS_FILE|EC2_METADATA_DISABLED)=/.test(p),
      );
      return Object.fromEntries(awsVars.map((p) => [p.slice(0, p.indexOf("=")), p.slice(p.indexOf("=") + 1)]));
    },
    boto3: (endpoint: string, { profile = "", env = {} }: { profile?: string; env?: Record<string, string> } = {}) =>
      json(boto3Python, ["-c", BOTO3, endpoint, profile], env),
    jsSdk: (
      mode: "env" | "ini" | "process",
      endpoint: string,
      { profile = "", env = {} }: { profile?: string; env?: Record<string, string> } = {},
    ) => json(process.execPath, ["-e", JS_SDK, mode, endpoint, profile], env),
    /** The AWS CLI: who it signs in as, and the region it would use, with its source. */
    async awsCli(
      endpoint: string,
      { profile = "", env = {} }: { profile?: string; env?: Record<string, string> } = {},
    ) {
      const profileArgs = profile ? ["--profile", profile] : [];
      const identity = await run(
        "aws",
        ["sts", "get-caller-identity", "--endpoint-url", endpoint, "--output", "json", ...profileArgs],
        env,
      );
      if (identity.code !== 0) throw new Error(`aws sts get-caller-identity failed:\n${identity.stderr}`);
      const list = await run("aws", ["configure", "list", ...profileArgs], env);
      const region = /^\s*region\s+(\S+)\s+(\S+)/m.exec(list.stdout);
      return {
        arn: (JSON.parse(identity.stdout) as { Arn: string }).Arn,
        region: region?.[1] === "<not" ? null : (region?.[1] ?? null),
        regionSource: region?.[2] ?? null,
      };
    },
    cleanup: () => rmSync(home, { recursive: true, force: true }),
  };
}
