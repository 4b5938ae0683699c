import "server-only";
import { z } from "zod";
import { getEnv } from "@/lib/env";

/**
 * The corporate OpenID Provider's discovery document, as far as logout needs it: the
 * end_session_endpoint (RP-initiated logout) and the JWKS that signs logout tokens. Read at most
 * every ten minutes; when it cannot be read, the last good copy is kept.
 */

const discoverySchema = z.object({
  issuer: z.string().min(1),
  jwks_uri: z.url(),
  end_session_endpoint: z.url().optional(),
  id_token_signing_alg_values_supported: z.array(z.string()).optional(),
});
export type OidcDiscovery = z.infer<typeof discoverySchema>;

const REFRESH_MS = 10 * 60 * 1000;
let cache: { discovery: OidcDiscovery; loadedAt: number } | undefined;

/** The configured issuer, without trailing slashes, or undefined when OIDC is off. */
export function getOidcIssuer(): string | undefined {
  return getEnv().AIRLOCK_OIDC_ISSUER?.replace(/\/+$/, "") || undefined;
}

export async function getOidcDiscovery(): Promise<OidcDiscovery> {
  if (cache && Date.now() - cache.loadedAt < REFRESH_MS) return cache.discovery;
  const issuer = getOidcIssuer();
  if (!issuer) throw new Error("OIDC is not configured (AIRLOCK_OIDC_ISSUER)");
  try {
    const response = await fetch(`${issuer}/.well-known/openid-configuration`, { signal: AbortSignal.timeout(5_000) });
    if (!response.ok) throw new Error(`HTTP ${response.status} from the OIDC discovery document`);
    const discovery = discoverySchema.parse(await response.json());
    cache = { discovery, loadedAt: Date.now() };
    return discovery;
  } catch (error) {
    if (cache) return cache.discovery;
    throw error;
  }
}
