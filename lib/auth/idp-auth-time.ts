/**
 * When the IdP says the person authenticated (OIDC `auth_time` in seconds, SAML AuthnInstant in
 * milliseconds), as a Date a step-up guardrail can trust: null when absent or unreadable, and
 * never later than `now` (an IdP clock ahead of Airlock's must not stretch a step-up window). Pure.
 */
export function readIdpAuthTime({
  seconds,
  ms,
  now,
}: {
  seconds?: unknown;
  ms?: number | null;
  now: Date;
}): Date | null {
  const at = typeof seconds === "number" ? seconds * 1000 : ms;
  if (typeof at !== "number" || !Number.isFinite(at) || at <= 0) return null;
  return new Date(Math.min(at, now.getTime()));
}
