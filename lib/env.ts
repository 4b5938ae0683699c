import path from "node:path";
import type { z } from "zod";
import { settings, type RawEnv, type Settings } from "@/lib/env-settings";

/**
 * Airlock's configuration, read once from the environment and validated. A missing or malformed
 * setting stops start-up with one line that names the variable, what it expects and an example.
 */

export class ConfigError extends Error {
  constructor(
    readonly variable: string,
    message: string,
  ) {
    super(message);
    this.name = "ConfigError";
  }
}

export type Env = RawEnv & {
  /** Absolute path of the data directory. */
  dataDir: string;
  /** The effective database URL (defaults to a SQLite file in the data directory). */
  databaseUrl: string;
  isProduction: boolean;
};

// Values of these may be credentials: name the problem, never echo the value.
const secretVariables = new Set([
  "AIRLOCK_SECRET",
  "AIRLOCK_SIGNING_KEY",
  "AIRLOCK_OIDC_CLIENT_SECRET",
  "DATABASE_URL",
  "AIRLOCK_WEBHOOK_URL",
  "AIRLOCK_WEBHOOK_SECRET",
]);

/**
 * The one wording of a bad setting: "Invalid configuration: VAR must be EXPECTS; FOUND. Example: EXAMPLE".
 * `example` is a whole line to copy (`VAR=value`, or the command that makes a valid value).
 */
export function configError({
  variable,
  expects,
  found,
  example,
}: {
  variable: string;
  expects: string;
  found: string;
  example: string;
}): ConfigError {
  return new ConfigError(
    variable,
    `Invalid configuration: ${variable} must be ${expects}; ${found}. Example: ${example}`,
  );
}

function fail(variable: string, expects: string, example: string, got?: string): never {
  let found = "it is not set";
  if (got !== undefined) {
    const shown = got.length > 60 ? `${got.slice(0, 57)}...` : got;
    found = secretVariables.has(variable) ? "the value given does not match" : `got "${shown}"`;
  }
  throw configError({ variable, expects, found, example: `${variable}=${example}` });
}

/** Validates the named settings only, each against its schema. */
function parseSettings<K extends keyof Settings>(
  source: Record<string, string | undefined>,
  names: readonly K[],
): { [N in K]: z.output<Settings[N]["schema"]> } {
  const out: Record<string, unknown> = {};
  for (const name of names) {
    const spec: { schema: z.ZodType; expects: string; example: string } = settings[name];
    const raw = source[name];
    const value = raw === "" && name !== "AIRLOCK_ADMIN_GROUPS" ? undefined : raw;
    const parsed = spec.schema.safeParse(value);
    if (!parsed.success) fail(name, spec.expects, spec.example, raw);
    out[name] = parsed.data;
  }
  return out as { [N in K]: z.output<Settings[N]["schema"]> };
}

const databaseSettings = [
  "NODE_ENV",
  "AIRLOCK_DATA_DIR",
  "DATABASE_URL",
  "AIRLOCK_DATABASE_POOL_SIZE",
  "AIRLOCK_DATABASE_TIMEOUT",
] as const;

/** What a command that only reads and writes the database needs (migrations, entitlements as code). */
export type DatabaseEnv = {
  databaseUrl: string;
  pool: { poolSize: number; timeoutSeconds: number };
};

function effectiveDatabaseUrl(env: { AIRLOCK_DATA_DIR: string; DATABASE_URL?: string }) {
  const dataDir = path.resolve(env.AIRLOCK_DATA_DIR);
  return { dataDir, databaseUrl: env.DATABASE_URL ?? `file:${path.join(dataDir, "airlock.db")}` };
}

/**
 * Validates only the database settings (DATABASE_URL, AIRLOCK_DATA_DIR, the pool): a CI job that
 * plans entitlement changes holds the database URL and none of the portal's secrets.
 */
export function loadDatabaseEnv(source: Record<string, string | undefined> = process.env): DatabaseEnv {
  const env = parseSettings(source, databaseSettings);
  return {
    databaseUrl: effectiveDatabaseUrl(env).databaseUrl,
    pool: { poolSize: env.AIRLOCK_DATABASE_POOL_SIZE, timeoutSeconds: env.AIRLOCK_DATABASE_TIMEOUT },
  };
}

/** Parses and cross-checks the configuration. Pure: pass the environment to read. */
export function parseEnv(source: Record<string, string | undefined>): Env {
  const env: RawEnv = parseSettings(source, Object.keys(settings) as (keyof Settings)[]);
  const { dataDir, databaseUrl } = effectiveDatabaseUrl(env);
  const result: Env = { ...env, dataDir, databaseUrl, isProduction: env.NODE_ENV === "production" };

  if (!env.AIRLOCK_DEMO && !env.AIRLOCK_SECRET) {
    fail("AIRLOCK_SECRET", settings.AIRLOCK_SECRET.expects, settings.AIRLOCK_SECRET.example);
  }
  if (env.AIRLOCK_OIDC_ISSUER) {
    for (const name of ["AIRLOCK_OIDC_CLIENT_ID", "AIRLOCK_OIDC_CLIENT_SECRET"] as const) {
      if (!env[name]) {
        const spec = settings[name];
        fail(name, `${spec.expects} (required because AIRLOCK_OIDC_ISSUER is set)`, spec.example);
      }
    }
  }
  if (Boolean(env.AIRLOCK_SIGNING_KEY) !== Boolean(env.AIRLOCK_SIGNING_CERT)) {
    const missing = env.AIRLOCK_SIGNING_KEY ? "AIRLOCK_SIGNING_CERT" : "AIRLOCK_SIGNING_KEY";
    fail(missing, `${settings[missing].expects} (the key and certificate go together)`, settings[missing].example);
  }
  return result;
}

let cached: Env | undefined;

/** The validated configuration of this process. Throws ConfigError on the first bad setting. */
export function getEnv(): Env {
  cached ??= parseEnv(process.env);
  return cached;
}

/** Forgets the cached configuration (tests change the environment between cases). */
export function resetEnvForTests(): void {
  cached = undefined;
}
