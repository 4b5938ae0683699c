import { z } from "zod";

/** Which ID token signature algorithms Airlock accepts from an OpenID Provider. Pure. */

/** Public-key algorithms: the OP signs with a key only it holds, published in its JWKS. */
export const ASYMMETRIC_ID_TOKEN_ALGORITHMS = [
  "RS256",
  "RS384",
  "RS512",
  "PS256",
  "PS384",
  "PS512",
  "ES256",
  "ES384",
  "ES512",
] as const;

/**
 * HMAC algorithms use the client secret as the signing key: anyone holding the secret (Airlock,
 * its configuration, its backups) can forge an ID token. Accepted only when configured by name.
 */
export const SYMMETRIC_ID_TOKEN_ALGORITHMS = ["HS256", "HS384", "HS512"] as const;

const knownAlgorithms: readonly string[] = [...ASYMMETRIC_ID_TOKEN_ALGORITHMS, ...SYMMETRIC_ID_TOKEN_ALGORITHMS];

/** The fallback when discovery does not say: OpenID Connect Core makes RS256 the default. */
export const DEFAULT_ID_TOKEN_ALGORITHM = "RS256";

/**
 * AIRLOCK_OIDC_ID_TOKEN_ALG: a comma-separated list of the algorithms above (`none` is never one).
 * Unset or empty means "what the OP's discovery advertises among the asymmetric ones".
 */
export const idTokenAlgorithmsSettingSchema = z
  .string()
  .transform((value) => [...new Set(value.split(",").map((alg) => alg.trim()))].filter(Boolean))
  .refine((algs) => algs.length > 0 && algs.every((alg) => knownAlgorithms.includes(alg)))
  .optional();

/**
 * The algorithms an ID token may be signed with. Configured: exactly those (the administrator
 * pinned them, HS* included). Otherwise: the asymmetric ones the OP's discovery advertises
 * (`id_token_signing_alg_values_supported`), or RS256 when discovery names none; never `none`,
 * never HS* unless configured. An empty result means the OP offers nothing Airlock accepts.
 */
export function selectIdTokenAlgorithms({
  configured,
  advertised,
}: {
  configured?: readonly string[];
  advertised?: unknown;
}): string[] {
  if (configured?.length) return configured.filter((alg) => knownAlgorithms.includes(alg));
  if (!Array.isArray(advertised) || advertised.length === 0) return [DEFAULT_ID_TOKEN_ALGORITHM];
  const asymmetric: readonly string[] = ASYMMETRIC_ID_TOKEN_ALGORITHMS;
  return asymmetric.filter((alg) => advertised.includes(alg));
}

/** The `alg` of a compact JWS header, or undefined when the token cannot be read. */
export function readJwtAlgorithm(token: unknown): string | undefined {
  if (typeof token !== "string") return undefined;
  try {
    const header: unknown = JSON.parse(Buffer.from(token.split(".")[0], "base64url").toString("utf8"));
    const alg = (header as { alg?: unknown } | null)?.alg;
    return typeof alg === "string" ? alg : undefined;
  } catch {
    return undefined;
  }
}

/** What an administrator reads when an ID token's algorithm is refused. */
export function describeRefusedAlgorithm(alg: string | undefined, accepted: readonly string[]): string {
  const got = alg ? `signed with ${alg}` : "without a readable algorithm";
  if (accepted.length === 0)
    return `The OpenID Provider's discovery advertises no ID token algorithm Airlock accepts (RS/PS/ES 256-512); the ID token came ${got}. Configure the OP to sign ID tokens with RS256 or better, or set AIRLOCK_OIDC_ID_TOKEN_ALG.`;
  const hint = alg?.startsWith("HS")
    ? " HS* uses the client secret as the signing key: prefer RS256 or better at the OP, or list it in AIRLOCK_OIDC_ID_TOKEN_ALG to accept it."
    : " Configure the OP to sign this client's ID tokens with one of these, or set AIRLOCK_OIDC_ID_TOKEN_ALG.";
  return `The ID token was ${got}; Airlock accepts ${accepted.join(", ")}.${hint}`;
}
