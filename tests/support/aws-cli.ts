import { execFile } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";

/**
 * The real AWS CLI (and any other program) run against a local endpoint with given keys and
 * nothing from this machine's AWS configuration: empty config and credentials files, no inherited
 * AWS_* variables, region us-east-1.
 */

export type AwsKeys = { accessKeyId: string; secretAccessKey: string; sessionToken?: string };
export type Run = { code: number; stdout: string; stderr: string };

export function createAwsCli(endpointUrl: string) {
  const home = mkdtempSync(path.join(os.tmpdir(), "airlock-aws-cli-"));
  for (const file of ["config", "credentials"]) writeFileSync(path.join(home, file), "");

  function environment(keys: AwsKeys): NodeJS.ProcessEnv {
    const env = { ...process.env };
    for (const name of Object.keys(env)) if (name.startsWith("AWS_")) delete env[name];
    return {
      ...env,
      AWS_CONFIG_FILE: path.join(home, "config"),
      AWS_SHARED_CREDENTIALS_FILE: path.join(home, "credentials"),
      AWS_DEFAULT_REGION: "us-east-1",
      AWS_EC2_METADATA_DISABLED: "true",
      AWS_ACCESS_KEY_ID: keys.accessKeyId,
      AWS_SECRET_ACCESS_KEY: keys.secretAccessKey,
      ...(keys.sessionToken ? { AWS_SESSION_TOKEN: keys.sessionToken } : {}),
    };
  }

  // Asynchronous: an emulator in the calling process answers from its event loop.
  function run(file: string, args: string[], keys: AwsKeys): Promise<Run> {
    return new Promise((resolve) =>
      execFile(file, args, { env: environment(keys), timeout: 60_000 }, (error, stdout, stderr) =>
        resolve({ code: error ? Number(error.code ?? 1) : 0, stdout, stderr }),
      ),
    );
  }

  return {
    run,
    cli: (keys: AwsKeys, ...args: string[]) => run("aws", ["--endpoint-url", endpointUrl, ...args], keys),
    /** A generated script, run by bash as an admin would run it, with the endpoint as AWS's. */
    runScript: (script: string, keys: AwsKeys) => {
      const endpoint = `aws() { command aws --endpoint-url ${endpointUrl} "$@"; }`;
      return run("bash", ["-c", `set -euo pipefail\n${endpoint}\n${script}`], keys);
    },
    cleanup: () => rmSync(home, { recursive: true, force: true }),
  };
}
