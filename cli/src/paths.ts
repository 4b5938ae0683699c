import os from "node:os";
import path from "node:path";

/** Where the CLI keeps its state: ~/.airlock (directory 0700, files 0600). */
export function airlockDir(): string {
  return path.join(os.homedir(), ".airlock");
}

export function sessionFile(): string {
  return path.join(airlockDir(), "session.json");
}

export function cacheDir(): string {
  return path.join(airlockDir(), "cache");
}

/** The AWS config file the SDKs read: AWS_CONFIG_FILE, else ~/.aws/config. */
export function awsConfigFile(env: NodeJS.ProcessEnv = process.env): string {
  return env.AWS_CONFIG_FILE?.trim() || path.join(os.homedir(), ".aws", "config");
}
