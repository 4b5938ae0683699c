import { MAX_SESSION_SECONDS, MIN_SESSION_SECONDS } from "@/lib/entitlements/schemas";

export const DEFAULT_SESSION_SECONDS = 3600;

/**
 * min(requested, allowed), within STS's 900-43200 s: a user never meets "DurationSeconds exceeds
 * the MaxSessionDuration". `allowed` already folds the mapping cap into the role maximum.
 */
export function clampDuration({ requested, allowed }: { requested?: number; allowed: number }): number {
  const wanted = requested ?? Math.min(DEFAULT_SESSION_SECONDS, allowed);
  return Math.max(MIN_SESSION_SECONDS, Math.min(Math.floor(wanted), allowed, MAX_SESSION_SECONDS));
}
