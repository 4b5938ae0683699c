import { MAX_SESSION_SECONDS, MIN_SESSION_SECONDS } from "@/lib/entitlements/schemas";

export { DEFAULT_SESSION_SECONDS } from "@/lib/entitlements/schemas";

/**
 * min(requested, allowed), within STS's 900-43200 s: a user never meets "DurationSeconds exceeds
 * the MaxSessionDuration". `allowed` already folds the mapping cap and the role's guardrail limit
 * into the role maximum; without a request, the role's default (`fallback`, already within allowed).
 */
export function clampDuration({
  requested,
  allowed,
  fallback,
}: {
  requested?: number;
  allowed: number;
  fallback: number;
}): number {
  const wanted = requested ?? fallback;
  return Math.max(MIN_SESSION_SECONDS, Math.min(Math.floor(wanted), allowed, MAX_SESSION_SECONDS));
}
