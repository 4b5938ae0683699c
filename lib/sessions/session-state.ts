/**
 * The rules that decide whether a session still grants access. Pure: the clock and the limits
 * are passed in, so the same rules hold for browsers and terminals, on every instance.
 */

export type SessionFacts = {
  expiresAt: Date;
  lastSeenAt: Date;
  revokedAt: Date | null;
  suspendedAt: Date | null;
};

/** Why a session does or does not grant access. */
export type SessionState = "active" | "revoked" | "suspended" | "expired" | "idle";

/** `lastSeenAt` is written at most this often per session, so a busy session costs one write a minute. */
export const TOUCH_INTERVAL_MS = 60_000;

export function evaluateSession(
  facts: SessionFacts,
  { now, idleSeconds }: { now: Date; idleSeconds: number },
): SessionState {
  if (facts.revokedAt) return "revoked";
  if (facts.suspendedAt) return "suspended";
  if (facts.expiresAt <= now) return "expired";
  // The touch interval is added so that a session is never idle only because its last touch was skipped.
  if (facts.lastSeenAt.getTime() + idleSeconds * 1000 + TOUCH_INTERVAL_MS <= now.getTime()) return "idle";
  return "active";
}

/** Whether group membership checked at `groupsCheckedAt` may still decide an issuance or admin action. */
export function hasFreshGroups(
  groupsCheckedAt: Date,
  { now, maxAgeSeconds }: { now: Date; maxAgeSeconds: number },
): boolean {
  return now.getTime() - groupsCheckedAt.getTime() < maxAgeSeconds * 1000;
}

export function needsTouch(lastSeenAt: Date, now: Date): boolean {
  return now.getTime() - lastSeenAt.getTime() >= TOUCH_INTERVAL_MS;
}

/** The absolute end of a session: counted from the IdP sign-in, never extended. */
export function sessionExpiry(authenticatedAt: Date, maxAgeSeconds: number): Date {
  return new Date(authenticatedAt.getTime() + maxAgeSeconds * 1000);
}
