import { z } from "zod";

/**
 * Where Airlock finds an OIDC person's claims: the ID token first, the userinfo answer for what it
 * lacks (many OPs release email or groups only there). Pure.
 */

export type ClaimSet = Record<string, unknown>;
export type ClaimSource = "id_token" | "userinfo";

/** The claims Airlock reads besides `sub`: when the ID token lacks any of them, userinfo is read. */
export function listWantedClaims(groupsClaim: string): string[] {
  return ["email", "name", "preferred_username", groupsClaim];
}

const hasValue = (value: unknown) => value !== undefined && value !== null;

export function listMissingClaims(claims: ClaimSet, groupsClaim: string): string[] {
  return listWantedClaims(groupsClaim).filter((claim) => !hasValue(claims[claim]));
}

/** A userinfo answer: a JSON object about one subject (OpenID Connect Core 5.3.2). */
export const userinfoSchema = z.looseObject({ sub: z.string().min(1).max(512) });
export type Userinfo = z.infer<typeof userinfoSchema>;

export type MergedClaims = { ok: true; claims: ClaimSet } | { ok: false; reason: "oidc_userinfo_sub_mismatch" };

/**
 * The ID token's claims completed from userinfo. The userinfo answer must be about the ID token's
 * subject (OpenID Connect Core 5.3.4: otherwise it must not be used); the ID token, which is
 * signed, wins wherever both have a value. `email_verified` travels with the email it qualifies.
 */
export function mergeUserinfoClaims({ idToken, userinfo }: { idToken: ClaimSet; userinfo: Userinfo }): MergedClaims {
  if (userinfo.sub !== idToken.sub) return { ok: false, reason: "oidc_userinfo_sub_mismatch" };
  const claims: ClaimSet = { ...idToken };
  for (const [name, value] of Object.entries(userinfo)) {
    if (name !== "email_verified" && !hasValue(claims[name]) && hasValue(value)) claims[name] = value;
  }
  // Never userinfo's verdict on the ID token's email (they may name different addresses).
  if (!hasValue(idToken.email) && hasValue(userinfo.email)) claims.email_verified = userinfo.email_verified;
  return { ok: true, claims };
}

export type GroupsClaimStatus =
  | { status: "present"; claim: string; source: ClaimSource }
  | { status: "missing"; claim: string; lookedIn: ClaimSource[] };

/**
 * Whether the OP sent the groups claim at all, and where Airlock found or looked for it. An empty
 * list is an answer ("no groups"); an absent claim is not, and is reported as such.
 */
export function describeGroupsClaim({
  idToken,
  claims,
  groupsClaim,
  lookedIn,
}: {
  idToken: ClaimSet;
  claims: ClaimSet;
  groupsClaim: string;
  lookedIn: ClaimSource[];
}): GroupsClaimStatus {
  if (hasValue(idToken[groupsClaim])) return { status: "present", claim: groupsClaim, source: "id_token" };
  if (hasValue(claims[groupsClaim])) return { status: "present", claim: groupsClaim, source: "userinfo" };
  return { status: "missing", claim: groupsClaim, lookedIn };
}
