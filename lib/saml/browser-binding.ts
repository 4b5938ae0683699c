import { randomBytes } from "node:crypto";
import { SAML_TICKET_PROVIDER } from "@/lib/auth/provider-ids";

/**
 * The cookie that binds a SAML sign-in to the browser that started it. The IdP's POST to the ACS
 * is cross-site, so the copy the ACS reads is SameSite=None; Secure (browsers accept that on
 * http://localhost too), scoped to the ACS path only, and lives as long as a pending request. The
 * ACS then hands the same value to the login ticket's redemption path (a same-origin POST, so
 * SameSite=Lax), so a ticket link opened in any other browser cannot sign it in.
 */
export const SAML_BROWSER_COOKIE = "airlock_saml_browser";

const TICKET_REDEMPTION_PATH = `/api/auth/callback/${SAML_TICKET_PROVIDER}`;

export function newBrowserNonce(): string {
  return randomBytes(24).toString("base64url");
}

export function buildBrowserCookie(nonce: string, maxAgeSeconds: number): string {
  return `${SAML_BROWSER_COOKIE}=${nonce}; Path=/api/saml/acs; HttpOnly; Secure; SameSite=None; Max-Age=${maxAgeSeconds}`;
}

/**
 * The binding for a pending LogoutRequest: the IdP's LogoutResponse may come back by a cross-site
 * POST, so it is SameSite=None; Secure like the ACS copy, scoped to the SLO endpoint.
 */
export function buildSloBrowserCookie(nonce: string, maxAgeSeconds: number): string {
  return `${SAML_BROWSER_COOKIE}=${nonce}; Path=/api/saml/slo; HttpOnly; Secure; SameSite=None; Max-Age=${maxAgeSeconds}`;
}

/** The same binding, sent only with the login ticket's redemption. */
export function buildTicketBrowserCookie(nonce: string, maxAgeSeconds: number): string {
  return `${SAML_BROWSER_COOKIE}=${nonce}; Path=${TICKET_REDEMPTION_PATH}; HttpOnly; Secure; SameSite=Lax; Max-Age=${maxAgeSeconds}`;
}

export function readBrowserNonce(cookieHeader: string | null | undefined): string | undefined {
  const value = cookieHeader
    ?.split(/;\s*/)
    .find((c) => c.startsWith(`${SAML_BROWSER_COOKIE}=`))
    ?.slice(SAML_BROWSER_COOKIE.length + 1);
  return value && /^[\w-]{32}$/.test(value) ? value : undefined;
}
