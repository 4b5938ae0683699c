import { safeRelativePath } from "@/lib/auth/redirects";
import type { AppError } from "@/lib/errors";

/**
 * Where a `step_up_required` refusal sends a browser: its re-authentication page, coming back to
 * `callbackUrl` (a relative path) afterwards.
 */
export function stepUpPath(error: AppError, callbackUrl: string): string {
  const refreshUrl = new URL(String(error.details?.refreshUrl ?? "/signin"), "http://airlock.invalid");
  refreshUrl.searchParams.set("callbackUrl", safeRelativePath(callbackUrl));
  return safeRelativePath(refreshUrl.pathname + refreshUrl.search);
}
