const base = "http://airlock.invalid";

/** One leading "/", not "//" or "/\", no backslash or control characters anywhere. */
function isRelativePath(path: string): boolean {
  return path.startsWith("/") && !path.startsWith("//") && !/[\u0000-\u001f\u007f\\]/.test(path);
}

/**
 * Redirect targets taken from a request (RelayState, callbackUrl, next) are honoured only as
 * same-origin relative paths: one leading "/", not "//" or "/\", no scheme, no control characters.
 * The rule holds for the normalised path that is returned, not only for the input: "/..//host"
 * normalises to "//host", a link to another site.
 */
export function safeRelativePath(value: unknown, fallback = "/"): string {
  if (typeof value !== "string" || value.length === 0 || value.length > 2048 || !isRelativePath(value)) return fallback;
  try {
    const resolved = new URL(value, base);
    const path = `${resolved.pathname}${resolved.search}${resolved.hash}`;
    return resolved.origin === base && isRelativePath(path) ? path : fallback;
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
