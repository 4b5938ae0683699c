/**
 * Redirect targets taken from a request (RelayState, callbackUrl, next) are honoured only as
 * same-origin relative paths: one leading "/", not "//" or "/\", no scheme, no control characters.
 */
export function safeRelativePath(value: unknown, fallback = "/"): string {
  if (typeof value !== "string" || value.length === 0 || value.length > 2048) return fallback;
  if (!value.startsWith("/") || value.startsWith("//") || value.startsWith("/\\")) return fallback;
  if (/[\u0000-\u001f\u007f\\]/.test(value)) return fallback;
  try {
    const resolved = new URL(value, "http://airlock.invalid");
    if (resolved.origin !== "http://airlock.invalid") return fallback;
    return `${resolved.pathname}${resolved.search}${resolved.hash}`;
  } catch {
    return fallback;
  }
}

/** next-auth's redirect callback: relative paths, or absolute URLs on Airlock's own origin. */
export function resolveAuthRedirect({ url, baseUrl }: { url: string; baseUrl: string }): string {
  if (url.startsWith("/")) return `${baseUrl}${safeRelativePath(url)}`;
  try {
    const target = new URL(url);
    if (target.origin === new URL(baseUrl).origin)
      return `${baseUrl}${safeRelativePath(`${target.pathname}${target.search}${target.hash}`)}`;
  } catch {
    // not a URL: fall through
  }
  return `${baseUrl}/`;
}
