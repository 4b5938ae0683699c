/**
 * The token endpoint's rules (RFC 8628 §3.4, §3.5), pure: what a poll with a device code gets,
 * given the authorization's state and the clock.
 */

export const DEVICE_CODE_LIFETIME_SECONDS = 600;
export const DEFAULT_POLL_INTERVAL_SECONDS = 5;
/** RFC 8628 §3.5: after a slow_down the client adds 5 s to its interval; the server does the same. */
export const SLOW_DOWN_STEP_SECONDS = 5;
/** The interval never grows past this, so a misbehaving client cannot lock itself out for good. */
export const MAX_POLL_INTERVAL_SECONDS = 60;
/**
 * Slack for network jitter: a client that waits its interval between polls can still arrive a
 * little early, measured at the server.
 */
export const POLL_JITTER_MS = 1000;

export type DeviceStatus = "pending" | "approved" | "denied" | "redeemed";

export type PollFacts = {
  status: DeviceStatus;
  expiresAt: Date;
  interval: number;
  lastPolledAt: Date | null;
};

export type PollOutcome =
  | { kind: "error"; error: "authorization_pending" | "access_denied" | "expired_token" | "invalid_grant" }
  | { kind: "slow_down"; interval: number }
  | { kind: "redeem" };

/** What this poll gets. Every outcome but invalid_grant also records the poll time. */
export function evaluatePoll(facts: PollFacts, now: Date): PollOutcome {
  // A used code is unknown from then on, whatever else holds.
  if (facts.status === "redeemed") return { kind: "error", error: "invalid_grant" };
  if (facts.expiresAt <= now) return { kind: "error", error: "expired_token" };
  if (isTooSoon(facts, now))
    return {
      kind: "slow_down",
      interval: Math.min(facts.interval + SLOW_DOWN_STEP_SECONDS, MAX_POLL_INTERVAL_SECONDS),
    };
  if (facts.status === "denied") return { kind: "error", error: "access_denied" };
  if (facts.status === "approved") return { kind: "redeem" };
  return { kind: "error", error: "authorization_pending" };
}

export function isTooSoon({ lastPolledAt, interval }: Pick<PollFacts, "lastPolledAt" | "interval">, now: Date) {
  return lastPolledAt !== null && now.getTime() - lastPolledAt.getTime() < interval * 1000 - POLL_JITTER_MS;
}
