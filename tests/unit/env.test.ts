import { describe, expect, it } from "vitest";
import { ConfigError, loadDatabaseEnv, parseEnv } from "@/lib/env";

const demo = { AIRLOCK_DEMO: "true" };
const secret = "x".repeat(40);

function errorOf(source: Record<string, string>): ConfigError {
  try {
    parseEnv(source);
  } catch (error) {
    if (error instanceof ConfigError) return error;
    throw error;
  }
  throw new Error("expected a ConfigError");
}

describe("parseEnv", () => {
  it("applies the documented defaults in demo mode", () => {
    const env = parseEnv(demo);
    expect(env.AIRLOCK_URL).toBe("http://localhost:3000");
    expect(env.AIRLOCK_SAML_PROVIDER_NAME).toBe("airlock");
    expect(env.AIRLOCK_AWS_REGION).toBe("us-east-1");
    expect(env.AIRLOCK_OIDC_GROUPS_CLAIM).toBe("groups");
    expect(env.AIRLOCK_SAML_ALLOW_IDP_INITIATED).toBe(false);
    expect(env.AIRLOCK_ADMIN_GROUPS).toEqual([]);
    expect(env.AIRLOCK_TRUSTED_PROXIES).toBe(0);
    expect(parseEnv({ ...demo, AIRLOCK_TRUSTED_PROXIES: "2" }).AIRLOCK_TRUSTED_PROXIES).toBe(2);
    expect(env.databaseUrl).toBe(`file:${env.dataDir}/airlock.db`);
  });

  it("parses lists, booleans and trims a trailing slash from the URL", () => {
    const env = parseEnv({
      ...demo,
      AIRLOCK_URL: "https://airlock.example.com/",
      AIRLOCK_ADMIN_GROUPS: " platform-admins , security ,",
      AIRLOCK_SAML_ALLOW_IDP_INITIATED: "true",
      AIRLOCK_DATA_DIR: "/var/lib/airlock",
    });
    expect(env.AIRLOCK_URL).toBe("https://airlock.example.com");
    expect(env.AIRLOCK_ADMIN_GROUPS).toEqual(["platform-admins", "security"]);
    expect(env.AIRLOCK_SAML_ALLOW_IDP_INITIATED).toBe(true);
    expect(env.databaseUrl).toBe("file:/var/lib/airlock/airlock.db");
  });

  it("splits admin groups on semicolons when any is given, so LDAP DNs keep their commas", () => {
    const env = parseEnv({
      ...demo,
      AIRLOCK_ADMIN_GROUPS: "cn=aws-admins,ou=groups,dc=example,dc=com; cn=security,ou=groups,dc=example,dc=com;",
    });
    expect(env.AIRLOCK_ADMIN_GROUPS).toEqual([
      "cn=aws-admins,ou=groups,dc=example,dc=com",
      "cn=security,ou=groups,dc=example,dc=com",
    ]);
  });

  it("takes a PostgreSQL URL, with pool defaults", () => {
    for (const url of [
      "postgresql://airlock:pw@db.internal:5432/airlock",
      "postgres://airlock@10.0.0.5/airlock?sslmode=verify-full&sslrootcert=/etc/ssl/rds.pem",
    ]) {
      const env = parseEnv({ ...demo, DATABASE_URL: url });
      expect(env.databaseUrl).toBe(url);
      expect(env.AIRLOCK_DATABASE_POOL_SIZE).toBe(10);
      expect(env.AIRLOCK_DATABASE_TIMEOUT).toBe(10);
    }
  });

  it.each([
    [{ ...demo, DATABASE_URL: "nonsense" }, "DATABASE_URL", "file:PATH"],
    [{ ...demo, DATABASE_URL: "postgresql://u:secret-pw@db:5432" }, "DATABASE_URL", "postgresql://USER:PASSWORD@HOST"],
    [{ ...demo, AIRLOCK_DATABASE_POOL_SIZE: "0" }, "AIRLOCK_DATABASE_POOL_SIZE", "1-200"],
    [{ ...demo, AIRLOCK_URL: "ftp://x" }, "AIRLOCK_URL", "https://airlock.example.com"],
    [{ ...demo, AIRLOCK_URL: "https://a.example.com/?next=/x" }, "AIRLOCK_URL", "without query"],
    [{ ...demo, AIRLOCK_AWS_REGION: "Mars-1" }, "AIRLOCK_AWS_REGION", 'got "Mars-1"'],
    [{ ...demo, AIRLOCK_SAML_PROVIDER_NAME: "bad name!" }, "AIRLOCK_SAML_PROVIDER_NAME", "IAM SAML provider name"],
    [{ ...demo, AIRLOCK_SAML_ALLOW_IDP_INITIATED: "maybe" }, "AIRLOCK_SAML_ALLOW_IDP_INITIATED", "true or false"],
    [{ ...demo, AIRLOCK_TRUSTED_PROXIES: "-1" }, "AIRLOCK_TRUSTED_PROXIES", "X-Forwarded-For (0-10"],
    [{ ...demo, AIRLOCK_TRUSTED_PROXIES: "nginx" }, "AIRLOCK_TRUSTED_PROXIES", 'got "nginx"'],
    [{}, "AIRLOCK_SECRET", "required outside demo mode"],
    [{ AIRLOCK_SECRET: "short" }, "AIRLOCK_SECRET", "at least 32 characters"],
    [
      { ...demo, AIRLOCK_OIDC_ISSUER: "https://idp.example.com" },
      "AIRLOCK_OIDC_CLIENT_ID",
      "required because AIRLOCK_OIDC_ISSUER is set",
    ],
    [{ ...demo, AIRLOCK_SIGNING_KEY: "/etc/key.pem" }, "AIRLOCK_SIGNING_CERT", "go together"],
    [{ ...demo, AIRLOCK_OIDC_ID_TOKEN_ALG: "none" }, "AIRLOCK_OIDC_ID_TOKEN_ALG", "never none; unset: the asymmetric"],
    [{ ...demo, AIRLOCK_OIDC_ID_TOKEN_ALG: "RS256,none" }, "AIRLOCK_OIDC_ID_TOKEN_ALG", 'got "RS256,none"'],
    [
      { ...demo, AIRLOCK_OIDC_ID_TOKEN_ALG: "rs256" },
      "AIRLOCK_OIDC_ID_TOKEN_ALG",
      "HS* makes the client secret a signing key",
    ],
    [{ ...demo, AIRLOCK_OIDC_ID_TOKEN_ALG: " , " }, "AIRLOCK_OIDC_ID_TOKEN_ALG", "comma-separated list"],
  ])("refuses a bad setting with one line naming it (%#)", (source, variable, hint) => {
    const error = errorOf(source);
    expect(error.variable).toBe(variable);
    expect(error.message).toContain(`Invalid configuration: ${variable} must be`);
    expect(error.message).toContain(hint);
    expect(error.message).toContain(`Example: ${variable}=`);
    expect(error.message).not.toContain("\n");
  });

  it("reads AIRLOCK_OIDC_ID_TOKEN_ALG as a list of algorithms, HS* included only when named", () => {
    expect(parseEnv(demo).AIRLOCK_OIDC_ID_TOKEN_ALG).toBeUndefined();
    expect(parseEnv({ ...demo, AIRLOCK_OIDC_ID_TOKEN_ALG: "" }).AIRLOCK_OIDC_ID_TOKEN_ALG).toBeUndefined();
    expect(parseEnv({ ...demo, AIRLOCK_OIDC_ID_TOKEN_ALG: "RS512, ES256,RS512" }).AIRLOCK_OIDC_ID_TOKEN_ALG).toEqual([
      "RS512",
      "ES256",
    ]);
    expect(parseEnv({ ...demo, AIRLOCK_OIDC_ID_TOKEN_ALG: "HS512" }).AIRLOCK_OIDC_ID_TOKEN_ALG).toEqual(["HS512"]);
  });

  it("never echoes a secret value in its message", () => {
    const error = errorOf({ ...demo, DATABASE_URL: "postgres-ish://user:hunter2@db" });
    expect(error.message).not.toContain("hunter2");
    expect(errorOf({ AIRLOCK_SECRET: "hunter2" }).message).not.toContain("hunter2");
  });

  it("accepts a production configuration with a secret and no demo mode", () => {
    const env = parseEnv({ NODE_ENV: "production", AIRLOCK_SECRET: secret, DATABASE_URL: "file:/srv/airlock.db" });
    expect(env.isProduction).toBe(true);
    expect(env.AIRLOCK_DEMO).toBe(false);
    expect(env.databaseUrl).toBe("file:/srv/airlock.db");
  });
});

describe("loadDatabaseEnv", () => {
  it("needs only the database settings, even in production", () => {
    const url = "postgresql://airlock:pw@db.internal:5432/airlock";
    expect(loadDatabaseEnv({ NODE_ENV: "production", DATABASE_URL: url })).toEqual({
      databaseUrl: url,
      pool: { poolSize: 10, timeoutSeconds: 10 },
    });
    expect(() => parseEnv({ NODE_ENV: "production", DATABASE_URL: url })).toThrow(/AIRLOCK_SECRET/);
  });

  it("still refuses a bad database setting with the usual message", () => {
    expect(() => loadDatabaseEnv({ DATABASE_URL: "mysql://db/airlock" })).toThrow(
      /^Invalid configuration: DATABASE_URL must be a SQLite file URL .*; the value given does not match\. Example: DATABASE_URL=postgresql:/,
    );
    expect(() => loadDatabaseEnv({ AIRLOCK_DATABASE_POOL_SIZE: "0" })).toThrow(/AIRLOCK_DATABASE_POOL_SIZE must be/);
  });
});
