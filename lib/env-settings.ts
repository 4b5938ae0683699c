import { z } from "zod";
import { awsRegionNameSchema } from "@/lib/aws/region-name";
import { idTokenAlgorithmsSettingSchema } from "@/lib/auth/oidc-id-token-algorithms";

/**
 * The catalogue of Airlock's settings: each environment variable's schema, what it expects and an
 * example. lib/env.ts reads and validates the environment against it.
 */

const booleanSetting = z
  .enum(["true", "false", "1", "0", "yes", "no", ""])
  .transform((v) => v === "true" || v === "1" || v === "yes");

const WEEK_SECONDS = 7 * 24 * 3600;
/** A duration in whole seconds within [min, one week]. */
const secondsSetting = (min: number, fallback: number) =>
  z.coerce.number().int().min(min).max(WEEK_SECONDS).default(fallback);

// Each setting: its schema, and what to say when it is wrong.
export const settings = {
  NODE_ENV: {
    schema: z.enum(["development", "production", "test"]).default("development"),
    expects: "one of development, production, test",
    example: "production",
  },
  AIRLOCK_DEMO: {
    schema: booleanSetting.default(false),
    expects: "true or false (demo mode generates secrets and keys into the data directory)",
    example: "true",
  },
  AIRLOCK_URL: {
    schema: z
      .url({ protocol: /^https?$/ })
      .transform((u) => u.replace(/\/+$/, ""))
      .refine((u) => !new URL(u).search && !new URL(u).hash)
      .default("http://localhost:3000"),
    expects: "the public http(s) base URL of Airlock, without query or fragment",
    example: "https://airlock.example.com",
  },
  AIRLOCK_DATA_DIR: {
    schema: z.string().min(1).default("./data"),
    expects: "a directory path",
    example: "/var/lib/airlock",
  },
  DATABASE_URL: {
    schema: z
      .string()
      .regex(/^(file:.+|postgres(ql)?:\/\/[^\s/]+\/[^\s/?]+(\?\S*)?)$/)
      .optional(),
    expects: "a SQLite file URL (file:PATH) or a PostgreSQL URL (postgresql://USER:PASSWORD@HOST:5432/DB)",
    example: "postgresql://airlock:PASSWORD@db.internal:5432/airlock?sslmode=verify-full",
  },
  AIRLOCK_DATABASE_POOL_SIZE: {
    schema: z.coerce.number().int().min(1).max(200).default(10),
    expects: "how many PostgreSQL connections each Airlock instance may open (1-200)",
    example: "10",
  },
  AIRLOCK_DATABASE_TIMEOUT: {
    schema: z.coerce.number().int().min(1).max(300).default(10),
    expects: "seconds to wait for a PostgreSQL connection or a query before answering with an error (1-300)",
    example: "10",
  },
  AIRLOCK_SECRET: {
    schema: z.string().min(32).optional(),
    expects: "a random string of at least 32 characters (required outside demo mode)",
    example: "$(openssl rand -base64 48)",
  },
  AIRLOCK_SIGNING_KEY: {
    schema: z.string().min(1).optional(),
    expects: "a PEM private key, or the path of a file holding one",
    example: "/etc/airlock/signing-key.pem",
  },
  AIRLOCK_SIGNING_EXTRA_CERTS: {
    schema: z.string().min(1).optional(),
    expects:
      "PEM certificates (text, or the path of a file holding them) to publish in the IdP metadata besides the signing certificate, during a key rotation",
    example: "/etc/airlock/signing-cert-next.pem",
  },
  AIRLOCK_SIGNING_CERT: {
    schema: z.string().min(1).optional(),
    expects: "a PEM certificate, or the path of a file holding one",
    example: "/etc/airlock/signing-cert.pem",
  },
  AIRLOCK_SAML_PROVIDER_NAME: {
    schema: z
      .string()
      .regex(/^[\w.-]{1,128}$/)
      .default("airlock"),
    expects: "an IAM SAML provider name (1-128 letters, digits, '.', '_' or '-')",
    example: "airlock",
  },
  AIRLOCK_OIDC_ISSUER: {
    schema: z.url({ protocol: /^https?$/ }).optional(),
    expects: "the OIDC issuer URL of the corporate IdP",
    example: "https://example.okta.com",
  },
  AIRLOCK_OIDC_CLIENT_ID: {
    schema: z.string().min(1).optional(),
    expects: "the OIDC client id registered for Airlock",
    example: "0oa1b2c3d4",
  },
  AIRLOCK_OIDC_CLIENT_SECRET: {
    schema: z.string().min(1).optional(),
    expects: "the OIDC client secret registered for Airlock",
    example: "s3cr3t",
  },
  AIRLOCK_OIDC_GROUPS_CLAIM: {
    schema: z.string().min(1).default("groups"),
    expects: "the name of the claim (in the ID token or the userinfo answer) that lists the user's groups",
    example: "groups",
  },
  AIRLOCK_OIDC_SCOPES: {
    schema: z
      .string()
      .regex(/^[\w:./-]+( [\w:./-]+)*$/)
      .refine((s) => s.split(" ").includes("openid"))
      .default("openid email profile"),
    expects: "space-separated OIDC scopes including openid",
    example: "openid email profile groups",
  },
  AIRLOCK_OIDC_REQUIRE_EMAIL_VERIFIED: {
    schema: booleanSetting.default(true),
    expects:
      "true (the ID token's email_verified claim must be true) or false (for IdPs that never send it: only email_verified=false is refused)",
    example: "true",
  },
  AIRLOCK_OIDC_ID_TOKEN_ALG: {
    schema: idTokenAlgorithmsSettingSchema,
    expects:
      "a comma-separated list of ID token signature algorithms among RS256, RS384, RS512, PS256, PS384, PS512, ES256, ES384, ES512, HS256, HS384, HS512 (never none; unset: the asymmetric ones the OP's discovery advertises, RS256 if it names none; HS* makes the client secret a signing key that anyone holding it can forge ID tokens with, so it is accepted only when listed here)",
    example: "RS256,ES256",
  },
  AIRLOCK_OIDC_NAME: {
    schema: z.string().min(1).max(60).default("your company account"),
    expects: "the name the sign-in button shows for the OIDC IdP",
    example: "Okta",
  },
  AIRLOCK_SAML_IDP_METADATA: {
    schema: z.string().min(1).optional(),
    expects: "the corporate IdP's SAML metadata: a file path, an http(s) URL or the XML itself",
    example: "/etc/airlock/idp-metadata.xml",
  },
  AIRLOCK_SAML_GROUPS_ATTRIBUTE: {
    schema: z.string().min(1).default("groups"),
    expects: "the name of the SAML attribute that lists the user's groups",
    example: "http://schemas.microsoft.com/ws/2008/06/identity/claims/groups",
  },
  AIRLOCK_SAML_SUBJECT_ATTRIBUTE: {
    schema: z.string().trim().min(1).max(256).optional(),
    expects:
      "the name of a single-valued, never-reassigned SAML attribute to key people on instead of the NameID (unset: the NameID, which must be persistent)",
    example: "urn:oid:0.9.2342.19200300.100.1.1",
  },
  AIRLOCK_SAML_ENCRYPTION_KEY: {
    schema: z.string().min(1).optional(),
    expects:
      "the PEM private key the IdP encrypts assertions to (PEM text or a file path), with AIRLOCK_SAML_ENCRYPTION_CERT",
    example: "/etc/airlock/encryption-key.pem",
  },
  AIRLOCK_SAML_ENCRYPTION_CERT: {
    schema: z.string().min(1).optional(),
    expects:
      "the PEM certificate of AIRLOCK_SAML_ENCRYPTION_KEY (PEM text or a file path), published in the SP metadata",
    example: "/etc/airlock/encryption-cert.pem",
  },
  AIRLOCK_SAML_NAME: {
    schema: z.string().min(1).max(60).default("your company account (SAML)"),
    expects: "the name the sign-in button shows for the SAML IdP",
    example: "Entra ID",
  },
  AIRLOCK_SAML_CLOCK_SKEW: {
    schema: z.coerce.number().int().min(0).max(300).default(60),
    expects: "the tolerated clock difference with the SAML IdP, in seconds (0-300)",
    example: "60",
  },
  AIRLOCK_SESSION_MAX_AGE: {
    schema: secondsSetting(300, 8 * 3600),
    expects:
      "the absolute lifetime of an Airlock session in seconds from the IdP sign-in, never extended by use (300-604800)",
    example: "28800",
  },
  AIRLOCK_SESSION_IDLE_TIMEOUT: {
    schema: secondsSetting(60, 3600),
    expects: "seconds without a request after which an Airlock session ends (60-604800)",
    example: "3600",
  },
  AIRLOCK_GROUPS_MAX_AGE: {
    schema: secondsSetting(60, 3600),
    expects:
      "the age in seconds of the oldest group membership an issuance or admin action may rely on before Airlock re-asks the IdP (60-604800)",
    example: "3600",
  },
  AIRLOCK_SAML_ALLOW_IDP_INITIATED: {
    schema: booleanSetting.default(false),
    expects: "true or false",
    example: "false",
  },
  AIRLOCK_ADMIN_GROUPS: {
    schema: z
      .string()
      .default("")
      // LDAP directories name groups by DN ("cn=aws-admins,ou=groups,dc=example,dc=com"), whose
      // commas are part of the name: a list that contains ";" is split on ";" alone.
      .transform((s) =>
        s
          .split(s.includes(";") ? ";" : ",")
          .map((g) => g.trim())
          .filter(Boolean),
      ),
    expects:
      "a comma-separated list of IdP groups, or a semicolon-separated one when the names contain commas (LDAP DNs)",
    example: "platform-admins,security",
  },
  AIRLOCK_ISSUANCE_RATE_LIMIT: {
    schema: z.coerce.number().int().min(1).max(1_000_000).default(30),
    expects: "how many credential or console issuances one user may request per minute",
    example: "30",
  },
  AIRLOCK_READ_ONLY_POLICY: {
    schema: z
      .string()
      .regex(/^([\w+=,.@-]+\/)*[\w+=,.@-]{1,128}$/)
      .default("ReadOnlyAccess"),
    expects:
      "the path and name of the AWS managed policy that limits a read-only-first session (arn:PARTITION:iam::aws:policy/ followed by this)",
    example: "job-function/ViewOnlyAccess",
  },
  AIRLOCK_REQUEST_MAX_HOURS: {
    schema: z.coerce.number().int().min(1).max(168).default(8),
    expects: "the longest grant, in hours (1-168), that a request may ask for when its eligible mapping sets no limit",
    example: "8",
  },
  AIRLOCK_REQUEST_PENDING_HOURS: {
    schema: z.coerce.number().int().min(1).max(168).default(24),
    expects: "how many hours (1-168) a request waits for approval before it closes itself",
    example: "24",
  },
  AIRLOCK_REQUEST_TICKET_PATTERN: {
    schema: z
      .string()
      .min(1)
      .max(200)
      .refine((pattern) => {
        try {
          new RegExp(pattern, "u");
          return true;
        } catch {
          return false;
        }
      })
      .optional(),
    expects:
      "a JavaScript regular expression that a request's ticket reference must match in full (unset: any short reference)",
    example: "[A-Z][A-Z0-9]+-\\d+",
  },
  AIRLOCK_WEBHOOK_URL: {
    schema: z.url({ protocol: /^https?$/ }).optional(),
    expects:
      "an http(s) URL that receives Slack-compatible JSON on every access request, approval, denial, end and expiry",
    example: "https://hooks.slack.com/services/T000/B000/XXXX",
  },
  AIRLOCK_WEBHOOK_SECRET: {
    schema: z.string().min(16).optional(),
    expects:
      "at least 16 characters: the key of the X-Airlock-Signature HMAC-SHA256 header on webhook calls (unset: calls are not signed)",
    example: "a-long-random-shared-secret",
  },
  AIRLOCK_SIGNIN_RATE_LIMIT: {
    schema: z.coerce.number().int().min(1).max(1_000_000).default(120),
    expects: "how many sign-in requests one client address may make per minute (a sign-in makes about three)",
    example: "120",
  },
  AIRLOCK_SUPPORT_CONTACT: {
    schema: z.string().trim().min(1).max(200).default("your Airlock administrators"),
    expects: "who employees should ask for access, as the portal shows it",
    example: "the platform team in #aws-access",
  },
  AIRLOCK_TRUSTED_PROXIES: {
    schema: z.coerce.number().int().min(0).max(10).default(0),
    expects:
      "how many reverse proxies (load balancer, nginx) stand between clients and Airlock, each appending to X-Forwarded-For (0-10; 0: use the TCP peer address)",
    example: "1",
  },
  AIRLOCK_AWS_REGION: {
    schema: awsRegionNameSchema.default("us-east-1"),
    expects: "an AWS region name",
    example: "us-east-1",
  },
  AIRLOCK_STS_ENDPOINT: {
    schema: z.url({ protocol: /^https?$/ }).optional(),
    expects: "the STS endpoint URL (leave unset for AWS's regional endpoint)",
    example: "https://sts.eu-west-1.amazonaws.com",
  },
  AIRLOCK_SIGNIN_ENDPOINT: {
    schema: z.url({ protocol: /^https?$/ }).optional(),
    expects: "the AWS federation endpoint URL (leave unset for AWS's own)",
    example: "https://signin.aws.amazon.com/federation",
  },
  AIRLOCK_LOG_LEVEL: {
    schema: z.enum(["debug", "info", "warn", "error"]).default("info"),
    expects: "one of debug, info, warn, error",
    example: "info",
  },
} satisfies Record<string, { schema: z.ZodType; expects: string; example: string }>;

export type Settings = typeof settings;
/** Every setting, validated. */
export type RawEnv = { [K in keyof Settings]: z.output<Settings[K]["schema"]> };
