/** Response headers for every page (proxy.ts adds them with a fresh nonce). Pure, so the policy is unit-tested. */
export function buildSecurityHeaders({
  nonce,
  isHttps,
  isDevelopment,
}: {
  nonce: string;
  isHttps: boolean;
  isDevelopment: boolean;
}): Record<string, string> {
  const csp = [
    "default-src 'self'",
    // Next's dev server needs eval for fast refresh; production never gets it.
    `script-src 'self' 'nonce-${nonce}' 'strict-dynamic'${isDevelopment ? " 'unsafe-eval'" : ""}`,
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data:",
    "font-src 'self'",
    `connect-src 'self'${isDevelopment ? " ws:" : ""}`,
    "object-src 'none'",
    "base-uri 'none'",
    "frame-ancestors 'none'",
  ].join("; ");
  const headers: Record<string, string> = {
    "Content-Security-Policy": csp,
    // Pages may carry console sign-in links, which are secrets: never leak them as a referrer.
    "Referrer-Policy": "no-referrer",
    "X-Content-Type-Options": "nosniff",
    "X-Frame-Options": "DENY",
    "Cross-Origin-Opener-Policy": "same-origin",
    "Permissions-Policy": "camera=(), microphone=(), geolocation=(), payment=(), usb=()",
  };
  if (isHttps) headers["Strict-Transport-Security"] = HSTS;
  return headers;
}

/** HSTS, sent over https (directly, or behind a proxy that says so with X-Forwarded-Proto). */
export const HSTS = "max-age=63072000; includeSubDomains";

/**
 * Headers for API answers (JSON, redirects, metadata): no scripts run there, so no nonce is needed
 * and next.config.ts sets them statically, which spares every API request the proxy.
 */
export function buildApiSecurityHeaders(): Record<string, string> {
  return {
    "Content-Security-Policy": "default-src 'none'; frame-ancestors 'none'; base-uri 'none'",
    "Referrer-Policy": "no-referrer",
    "X-Content-Type-Options": "nosniff",
    "X-Frame-Options": "DENY",
  };
}
