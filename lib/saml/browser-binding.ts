import { randomBytes } from "node:crypto";

/**
 * The cookie that binds a pending SAML request to the browser that started it. The IdP's POST to
 * the ACS is cross-site, so the cookie is SameSite=None; Secure (browsers accept that on
 * http://localhost too), scoped to the ACS path only, and lives as long as a pending request.
 */
export const SAML_BROWSER_COOKIE = "airlock_saml_browser";

export function newBrowserNonce(): string {
  return randomBytes(24).toString("base64url");
}

export function buildBrowserCookie(nonce: string, maxAgeSeconds: number): string {
  return `${SAML_BROWSER_COOKIE}=${nonce}; Path=/api/saml/acs; HttpOnly; Secure; SameSite=None; Max-Age=${maxAgeSeconds}`;
}

export function readBrowserNonce(cookieHeader: string | null): string | undefined {
  const value = cookieHeader
    ?.split(/;\s*/)
    .find((c) => c.startsWith(`${SAML_BROWSER_COOKIE}=`))
    ?.slice(SAML_BROWSER_COOKIE.length + 1);
  return value && /^[\w-]{32}$/.test(value) ? value : undefined;
}
