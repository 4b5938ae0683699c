/** Response headers for every page and API answer. Pure, so the policy is unit-tested. */
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
  if (isHttps) headers["Strict-Transport-Security"] = "max-age=63072000; includeSubDomains";
  return headers;
}
