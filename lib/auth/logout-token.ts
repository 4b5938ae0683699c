/**
 * The claims of an OpenID Connect Back-Channel Logout 1.0 logout token (section 2.4), once its
 * signature, issuer and audience are verified (2.6): a recent `iat`, a `jti`, the back-channel
 * logout event, no `nonce` (so an ID token cannot pass as one), and a `sid`, a `sub` or both.
 * Pure: the clock is passed in.
 */

export const BACKCHANNEL_LOGOUT_EVENT = "http://schemas.openid.net/event/backchannel-logout";
/** How old a logout token may be: the OP sends it as the logout happens. */
export const LOGOUT_TOKEN_MAX_AGE_SECONDS = 300;

/** The asymmetric algorithms a logout token may be signed with (never `none`, never HS*). */
const ASYMMETRIC = ["RS256", "RS384", "RS512", "PS256", "PS384", "PS512", "ES256", "ES384", "ES512"];

export class LogoutTokenError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "LogoutTokenError";
  }
}

/**
 * Until when a logout token's jti must be remembered: past the last moment any instance would
 * still accept it (iat + max age + skew by its own clock, with another skew for instances whose
 * clocks disagree), and a minute more.
 */
export function logoutTokenReplayUntil(iat: number, skewSeconds: number): Date {
  return new Date((iat + LOGOUT_TOKEN_MAX_AGE_SECONDS + 2 * skewSeconds + 60) * 1000);
}

export type LogoutTokenClaims = { jti: string; iat: number; sub?: string; sid?: string };

const text = (value: unknown, max = 512) =>
  typeof value === "string" && value.length > 0 && value.length <= max ? value : undefined;

export function checkLogoutTokenClaims(
  payload: Record<string, unknown>,
  { now, skewSeconds }: { now: Date; skewSeconds: number },
): LogoutTokenClaims {
  const at = now.getTime() / 1000;
  const iat = payload.iat;
  if (typeof iat !== "number") throw new LogoutTokenError("The logout token has no iat.");
  if (iat > at + skewSeconds)
    throw new LogoutTokenError("The logout token was issued in the future (check the clocks).");
  if (iat < at - skewSeconds - LOGOUT_TOKEN_MAX_AGE_SECONDS) throw new LogoutTokenError("The logout token is too old.");
  const jti = text(payload.jti);
  if (!jti) throw new LogoutTokenError("The logout token has no jti.");
  const events = payload.events;
  const event =
    events && typeof events === "object" ? (events as Record<string, unknown>)[BACKCHANNEL_LOGOUT_EVENT] : undefined;
  if (!event || typeof event !== "object" || Array.isArray(event))
    throw new LogoutTokenError(`The logout token's events claim does not hold ${BACKCHANNEL_LOGOUT_EVENT}.`);
  if ("nonce" in payload) throw new LogoutTokenError("The logout token carries a nonce: it is not a logout token.");
  const sub = text(payload.sub);
  const sid = text(payload.sid);
  if (!sub && !sid) throw new LogoutTokenError("The logout token names neither a sid nor a sub.");
  return { jti, iat, sub, sid };
}

/** The algorithms to accept: the asymmetric ones the OP advertises for ID tokens, else RS256. */
export function acceptedLogoutTokenAlgorithms(advertised: string[] | undefined): string[] {
  const accepted = (advertised ?? []).filter((alg) => ASYMMETRIC.includes(alg));
  return accepted.length ? accepted : ["RS256"];
}
