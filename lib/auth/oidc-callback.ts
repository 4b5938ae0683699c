import "server-only";
import type { Profile } from "next-auth";
import type { TokenEndpointHandler, UserinfoEndpointHandler } from "next-auth/providers/oauth";
import type { BaseClient, TokenSet } from "openid-client";
import {
  describeGroupsClaim,
  listMissingClaims,
  mergeUserinfoClaims,
  type ClaimSet,
  type ClaimSource,
  type GroupsClaimStatus,
  type Userinfo,
} from "@/lib/auth/oidc-claims";
import {
  describeRefusedAlgorithm,
  readJwtAlgorithm,
  selectIdTokenAlgorithms,
} from "@/lib/auth/oidc-id-token-algorithms";
import { OidcSignInError } from "@/lib/auth/oidc-sign-in-error";
import { fetchUserinfo } from "@/lib/auth/oidc-userinfo";
import { log } from "@/lib/log";

/**
 * The two steps of next-auth's OIDC callback that Airlock does itself: the code exchange (to
 * accept the ID token algorithms it allows, not only openid-client's one) and reading the claims
 * (ID token, then userinfo for what it lacks).
 */

type TokenRequest = NonNullable<TokenEndpointHandler["request"]>;
type ProfileRequest = NonNullable<UserinfoEndpointHandler["request"]>;
type IdTokenValidation = { validateIdToken(tokenSet: TokenSet | string, ...rest: unknown[]): Promise<unknown> };

/**
 * openid-client 5 checks an ID token against one algorithm, the client's
 * `id_token_signed_response_alg` (RS256 unless set). An OP signs each client's ID tokens with the
 * algorithm registered for that client at the OP, which Airlock cannot see: so the ID token's
 * header picks the algorithm among the allowed ones, and a client pinned to it runs openid-client's
 * full validation (signature against the OP's JWKS, or the client secret for HS*; iss, aud, exp, nonce).
 */
function acceptIdTokenAlgorithms(client: BaseClient, algorithms: string[]): void {
  const validating = client as BaseClient & IdTokenValidation;
  validating.validateIdToken = async (tokenSet, ...rest) => {
    const alg = readJwtAlgorithm(typeof tokenSet === "string" ? tokenSet : tokenSet.id_token);
    if (!alg || !algorithms.includes(alg))
      throw new OidcSignInError("oidc_id_token_alg_refused", describeRefusedAlgorithm(alg, algorithms));
    const pinned = new client.issuer.Client({ ...client.metadata, id_token_signed_response_alg: alg });
    // next-auth's clock tolerance (and any HTTP options) are symbol-keyed properties of the client.
    for (const key of Object.getOwnPropertySymbols(client)) Reflect.set(pinned, key, Reflect.get(client, key));
    return (pinned as BaseClient & IdTokenValidation).validateIdToken(tokenSet, ...rest);
  };
}

/** The code exchange, with the ID token algorithms AIRLOCK_OIDC_ID_TOKEN_ALG or discovery allows. */
export function buildOidcTokenRequest(configured: readonly string[] | undefined): TokenRequest {
  return async ({ provider, params, checks, client }) => {
    const advertised = client.issuer.metadata.id_token_signing_alg_values_supported;
    acceptIdTokenAlgorithms(client, selectIdTokenAlgorithms({ configured, advertised }));
    return { tokens: await client.callback(provider.callbackUrl, params, checks) };
  };
}

const groupsClaimByProfile = new WeakMap<object, GroupsClaimStatus>();

/** Whether the OP sent the groups claim for this sign-in's profile, and where Airlock looked. */
export function readGroupsClaimStatus(profile: object | undefined): GroupsClaimStatus | undefined {
  return profile ? groupsClaimByProfile.get(profile) : undefined;
}

/**
 * The ID token's claims completed from userinfo. Userinfo must answer when the ID token lacks the
 * email or the groups claim; for a display name or username alone, a failed answer is logged and
 * the sign-in goes on with the ID token. An answer about another subject is always refused.
 */
async function completeFromUserinfo({
  idToken,
  endpoint,
  accessToken,
  missing,
  isRequired,
}: {
  idToken: ClaimSet;
  endpoint: string;
  accessToken: string;
  missing: string[];
  isRequired: boolean;
}): Promise<ClaimSet> {
  let userinfo: Userinfo;
  try {
    userinfo = await fetchUserinfo({ endpoint, accessToken });
  } catch (error) {
    if (isRequired) throw error;
    log.warn("oidc_userinfo_failed", { missing, message: (error as Error).message });
    return idToken;
  }
  const merged = mergeUserinfoClaims({ idToken, userinfo });
  if (merged.ok) return merged.claims;
  throw new OidcSignInError(
    merged.reason,
    `The OP's userinfo answer is about subject "${userinfo.sub}", the ID token about "${String(idToken.sub)}": Airlock does not use claims about another subject (OpenID Connect Core 5.3.4). Check the OP's subject settings for this client (pairwise or per-endpoint subjects).`,
  );
}

/** The person's claims: the ID token's, completed from userinfo when it lacks any Airlock reads. */
export function buildOidcProfileRequest(groupsClaim: string): ProfileRequest {
  return async ({ tokens: tokenSet, client }) => {
    // next-auth hands over openid-client's TokenSet (its own type names only the fields).
    const tokens = tokenSet as unknown as TokenSet;
    const idToken: ClaimSet = tokens.claims();
    const endpoint = client.issuer.metadata.userinfo_endpoint;
    const missing = listMissingClaims(idToken, groupsClaim);
    const lookedIn: ClaimSource[] = ["id_token"];
    let claims = idToken;
    if (missing.length > 0 && endpoint && tokens.access_token) {
      lookedIn.push("userinfo");
      const isRequired = missing.includes("email") || missing.includes(groupsClaim);
      claims = await completeFromUserinfo({ idToken, endpoint, accessToken: tokens.access_token, missing, isRequired });
    }
    groupsClaimByProfile.set(claims, describeGroupsClaim({ idToken, claims, groupsClaim, lookedIn }));
    return claims as Profile;
  };
}
