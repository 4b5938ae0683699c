import { generateKeyPairSync } from "node:crypto";
import type Provider from "oidc-provider";
import type { ClientMetadata, JWK, SigningAlgorithm } from "oidc-provider";

/**
 * Relying parties the demo OIDC IdP knows besides Airlock's default client, each configured as a
 * real OP lets an administrator configure one: the ID token signature algorithm, and which claims
 * go only to the userinfo answer (LemonLDAP::NG's default, Okta and Entra ID for large group lists).
 */
export type DemoOidcClient = {
  clientId: string;
  clientSecret: string;
  /** The ID token signature algorithm registered for this client (HS256 signs with the secret). */
  idTokenAlg?: "RS256" | "RS512" | "PS256" | "ES256" | "HS256";
  /** Claims left out of the ID token: the OP releases them only in the userinfo answer. */
  userinfoOnly?: string[];
  /** Claims the OP never releases to this client (as an OP that is not configured to send them). */
  withheld?: string[];
  /** A misconfigured or hostile OP: its userinfo answer is about this other subject. */
  userinfoSubject?: string;
};

export const DEFAULT_KEY_ALG = "RS256";

/** One signing key per asymmetric algorithm the clients use; the default RS256 key comes first. */
export function buildSigningKeys(clients: DemoOidcClient[]): JWK[] {
  const rsa = () => generateKeyPairSync("rsa", { modulusLength: 2048 }).privateKey.export({ format: "jwk" });
  const keys: JWK[] = [{ ...rsa(), kid: "demo-oidc", alg: DEFAULT_KEY_ALG, use: "sig" }];
  const algs = new Set(clients.map((c) => c.idTokenAlg ?? DEFAULT_KEY_ALG));
  for (const alg of algs) {
    if (alg === DEFAULT_KEY_ALG || alg.startsWith("HS")) continue;
    const key = alg.startsWith("ES")
      ? generateKeyPairSync("ec", { namedCurve: "P-256" }).privateKey.export({ format: "jwk" })
      : rsa();
    keys.push({ ...key, kid: `demo-oidc-${alg.toLowerCase()}`, alg, use: "sig" });
  }
  return keys;
}

/** What oidc-provider advertises and accepts: its defaults plus what the clients use. */
export function listIdTokenAlgs(clients: DemoOidcClient[]): SigningAlgorithm[] {
  const defaults: SigningAlgorithm[] = ["RS256", "PS256", "ES256", "Ed25519", "EdDSA"];
  return [...new Set([...defaults, ...clients.map((c) => c.idTokenAlg ?? DEFAULT_KEY_ALG)])];
}

export function toClientMetadata(client: DemoOidcClient, redirectUris: string[]): ClientMetadata {
  return {
    client_id: client.clientId,
    client_secret: client.clientSecret,
    redirect_uris: redirectUris,
    grant_types: ["authorization_code"],
    response_types: ["code"],
    token_endpoint_auth_method: "client_secret_basic",
    ...(client.idTokenAlg && { id_token_signed_response_alg: client.idTokenAlg }),
  };
}

/** The claims this client gets for `use` ("id_token" or "userinfo"), from the person's claims. */
export function shapeClaims(
  claims: Record<string, unknown>,
  use: string,
  client: DemoOidcClient | undefined,
): Record<string, unknown> {
  if (!client) return claims;
  const dropped = new Set([...(client.withheld ?? []), ...(use === "id_token" ? (client.userinfoOnly ?? []) : [])]);
  return Object.fromEntries(Object.entries(claims).filter(([name]) => !dropped.has(name)));
}

/**
 * Rewrites `sub` in the userinfo answers of clients that set `userinfoSubject` (oidc-provider
 * itself always answers about the access token's subject).
 */
export function misanswerUserinfoSubject(provider: Provider, clients: DemoOidcClient[]): void {
  provider.use(async (ctx, next) => {
    await next();
    const other = clients.find((c) => c.clientId === ctx.oidc?.client?.clientId)?.userinfoSubject;
    if (other && ctx.oidc?.route === "userinfo" && typeof ctx.body === "object" && ctx.body !== null)
      ctx.body = { ...ctx.body, sub: other };
  });
}
