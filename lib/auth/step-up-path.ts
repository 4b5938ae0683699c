import { safeRelativePath } from "@/lib/auth/redirects";
import type { AppError } from "@/lib/errors";

/**
 * A sign-in or refresh page's path (as an API error's `refreshUrl` gives it) that comes back to
 * `callbackUrl` afterwards; always a relative path on Airlock. Pure (the browser uses it too).
 */
export function withCallbackUrl(path: unknown, callbackUrl: string): string {
  const url = new URL(typeof path === "string" ? path : "/signin", "http://airlock.invalid");
  url.searchParams.set("callbackUrl", safeRelativePath(callbackUrl));
  return safeRelativePath(url.pathname + url.search);
}

/**
 * Where a `step_up_required` refusal sends a browser: its re-authentication page, coming back to
 * `callbackUrl` (a relative path) afterwards.
 */
export function stepUpPath(error: AppError, callbackUrl: string): string {
  return withCallbackUrl(error.details?.refreshUrl, callbackUrl);
}
