import { log } from "@/lib/log";

/** How far ahead of Airlock's clock an IdP's authentication time may be and still count (as now). */
export const IDP_AUTH_TIME_SKEW_SECONDS = 60;

/**
 * When the IdP says the person authenticated (OIDC `auth_time` in seconds, SAML AuthnInstant in
 * milliseconds), as a Date a step-up guardrail can trust: null when absent or unreadable. A time
 * within `skewSeconds` ahead of `now` counts as now; one further ahead is not believed (null, and
 * logged): otherwise an IdP clock running ahead, or a forged time, would make any later answer of
 * the IdP, a silent one included, look like a fresh authentication for that long.
 */
export function readIdpAuthTime({
  seconds,
  ms,
  now,
  skewSeconds = IDP_AUTH_TIME_SKEW_SECONDS,
}: {
  seconds?: unknown;
  ms?: number | null;
  now: Date;
  skewSeconds?: number;
}): Date | null {
  const at = typeof seconds === "number" ? seconds * 1000 : ms;
  if (typeof at !== "number" || !Number.isFinite(at) || at <= 0) return null;
  if (at > now.getTime() + skewSeconds * 1000) {
    log.warn("idp_auth_time_in_future", { authTime: new Date(at).toISOString(), now: now.toISOString() });
    return null;
  }
  return new Date(Math.min(at, now.getTime()));
}

/**
 * The `auth_time` of a verified ID token (next-auth's `account.id_token`), read from the token
 * itself: never from the userinfo answer that may complete the profile.
 */
export function readIdTokenAuthTime(idToken: string | undefined): unknown {
  const payload = idToken?.split(".")[1];
  if (!payload) return undefined;
  try {
    return (JSON.parse(Buffer.from(payload, "base64url").toString("utf8")) as { auth_time?: unknown }).auth_time;
  } catch {
    return undefined;
  }
}
