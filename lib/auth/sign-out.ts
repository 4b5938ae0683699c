import "server-only";
import { randomBytes } from "node:crypto";
import { getOidcDiscovery } from "@/lib/auth/oidc-discovery";
import { buildEndSessionUrl, buildPostLogoutRedirectUri } from "@/lib/auth/oidc-logout-url";
import { readSessionCookie, sessionCookieName } from "@/lib/auth/session";
import type { Db } from "@/lib/db/client";
import { getEnv } from "@/lib/env";
import { log } from "@/lib/log";
import { SIGNED_OUT_PATH } from "@/lib/saml/handle-slo";
import { startSamlLogout } from "@/lib/saml/start-logout";
import { parseIdpLogout, type OidcIdpLogout } from "@/lib/sessions/idp-logout";
import { revokeSessions } from "@/lib/sessions/revoke-sessions";
import { hashSessionSecret, isSessionSecret } from "@/lib/sessions/session-secret";

/**
 * "Sign out": ends this browser's Airlock session first, always (the row is revoked and the
 * cookie cleared before anything else is tried), then sends the browser to its IdP to end the IdP
 * session too: a signed SAML LogoutRequest, or the OP's end_session_endpoint. Without an IdP
 * endpoint, or when it cannot be reached, the person lands on the signed-out page at once.
 */

export const LOGOUT_STATE_COOKIE = "airlock_logout_state";
const LOGOUT_STATE_PATH = "/api/auth/logout";

export type SignOutResult = { location: string; cookies: string[] };

function clearSessionCookies(cookieHeader: string | null): string[] {
  const name = sessionCookieName();
  const secure = name.startsWith("__Secure-") ? "; Secure" : "";
  // next-auth splits a large session into numbered chunks: clear each one this browser holds.
  const names = (cookieHeader ?? "")
    .split(/;\s*/)
    .map((c) => c.split("=")[0])
    .filter((n) => n === name || n.startsWith(`${name}.`));
  return [...new Set([name, ...names])].map((n) => `${n}=; Path=/; HttpOnly; SameSite=Lax; Max-Age=0${secure}`);
}

async function startOidcLogout(logout: OidcIdpLogout): Promise<{ location: string; cookie: string } | null> {
  try {
    const { end_session_endpoint: endSessionEndpoint } = await getOidcDiscovery();
    if (!endSessionEndpoint) return null;
    const env = getEnv();
    const state = randomBytes(24).toString("base64url");
    const location = buildEndSessionUrl({
      endSessionEndpoint,
      idToken: logout.idToken,
      clientId: env.AIRLOCK_OIDC_CLIENT_ID ?? "",
      postLogoutRedirectUri: buildPostLogoutRedirectUri(env.AIRLOCK_URL),
      state,
    });
    const secure = env.AIRLOCK_URL.startsWith("https://") ? "; Secure" : "";
    return {
      location,
      cookie: `${LOGOUT_STATE_COOKIE}=${state}; Path=${LOGOUT_STATE_PATH}; HttpOnly; SameSite=Lax; Max-Age=600${secure}`,
    };
  } catch (error) {
    log.error("oidc_logout_start_failed", { error });
    return null;
  }
}

export async function signOut({ db, cookieHeader }: { db: Db; cookieHeader: string | null }): Promise<SignOutResult> {
  const cookies = clearSessionCookies(cookieHeader);
  const token = await readSessionCookie();
  if (!token?.uid || !isSessionSecret(token.sid)) return { location: SIGNED_OUT_PATH, cookies };
  const id = hashSessionSecret(token.sid);
  const row = await db.session.findUnique({ where: { id }, select: { idpLogout: true, revokedAt: true } });
  // Read before the revocation, which clears it.
  const logout = row && !row.revokedAt ? parseIdpLogout(row.idpLogout) : undefined;
  await revokeSessions({
    db,
    userId: token.uid,
    only: id,
    by: { id: token.uid, email: token.email ?? "" },
    reason: "signed out",
  });
  const upstream =
    logout?.protocol === "saml"
      ? await startSamlLogout({ db, logout })
      : logout?.protocol === "oidc"
        ? await startOidcLogout(logout)
        : null;
  if (!upstream) return { location: SIGNED_OUT_PATH, cookies };
  return { location: upstream.location, cookies: [...cookies, upstream.cookie] };
}

/** Where the OP's post-logout redirect lands: the signed-out page, once `state` is this browser's. */
export function finishOidcLogout({ state, cookieState }: { state: string | null; cookieState: string | undefined }) {
  // The Airlock session ended before the redirect: a missing or foreign state changes nothing but the log.
  if (!state || state !== cookieState) log.warn("oidc_logout_state_mismatch", {});
  return {
    location: SIGNED_OUT_PATH,
    cookie: `${LOGOUT_STATE_COOKIE}=; Path=${LOGOUT_STATE_PATH}; HttpOnly; SameSite=Lax; Max-Age=0`,
  };
}
