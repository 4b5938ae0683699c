import "server-only";
import { createRemoteJWKSet, jwtVerify } from "jose";
import { recordAuditEvent } from "@/lib/audit/record";
import { getOidcDiscovery, getOidcIssuer } from "@/lib/auth/oidc-discovery";
import {
  acceptedLogoutTokenAlgorithms,
  checkLogoutTokenClaims,
  logoutTokenReplayUntil,
  LogoutTokenError,
} from "@/lib/auth/logout-token";
import type { Db } from "@/lib/db/client";
import { getEnv } from "@/lib/env";
import { log } from "@/lib/log";
import { markAssertionConsumed } from "@/lib/saml/replay-cache";
import { revokeIdpSessions } from "@/lib/sessions/revoke-idp-sessions";

/**
 * OpenID Connect Back-Channel Logout 1.0: the OP posts a logout token when a person signs out
 * there (or an admin ends their session). It is verified as the spec says (signature by the OP's
 * JWKS, iss, aud = Airlock's client id, the claims in logout-token.ts, one use of its jti) and
 * ends the browser sessions of that `sid`, or of that `sub`, from this OP. Refusals are audited.
 */

let jwks: { uri: string; set: ReturnType<typeof createRemoteJWKSet> } | undefined;

function jwksFor(uri: string) {
  if (jwks?.uri !== uri) jwks = { uri, set: createRemoteJWKSet(new URL(uri), { timeoutDuration: 5_000 }) };
  return jwks.set;
}

async function verifyLogoutToken(token: string, now: Date) {
  const env = getEnv();
  const issuer = getOidcIssuer();
  if (!issuer || !env.AIRLOCK_OIDC_CLIENT_ID) throw new LogoutTokenError("OIDC sign-in is not configured.");
  const discovery = await getOidcDiscovery();
  let payload: Record<string, unknown>;
  try {
    ({ payload } = await jwtVerify(token, jwksFor(discovery.jwks_uri), {
      issuer: [issuer, `${issuer}/`],
      audience: env.AIRLOCK_OIDC_CLIENT_ID,
      algorithms: acceptedLogoutTokenAlgorithms(discovery.id_token_signing_alg_values_supported),
      currentDate: now,
      clockTolerance: env.AIRLOCK_SAML_CLOCK_SKEW,
    }));
  } catch (error) {
    throw new LogoutTokenError(`The logout token could not be verified: ${(error as Error).message}`);
  }
  return checkLogoutTokenClaims(payload, { now, skewSeconds: env.AIRLOCK_SAML_CLOCK_SKEW });
}

export type BackchannelResult = { ok: true; sessions: number } | { ok: false; description: string };

export async function handleBackchannelLogout({
  db,
  logoutToken,
  client = {},
  now = new Date(),
}: {
  db: Db;
  logoutToken: string | null;
  client?: { ip?: string; userAgent?: string };
  now?: Date;
}): Promise<BackchannelResult> {
  const audit = (outcome: "success" | "failure", details: Record<string, unknown>, reason?: string) =>
    recordAuditEvent({
      db,
      event: { action: "logout", outcome, reason, clientIp: client.ip, userAgent: client.userAgent, details },
    });
  try {
    if (!logoutToken) throw new LogoutTokenError("The request carries no logout_token.");
    const claims = await verifyLogoutToken(logoutToken, now);
    const replayUntil = logoutTokenReplayUntil(claims.iat, getEnv().AIRLOCK_SAML_CLOCK_SKEW);
    if (!(await markAssertionConsumed({ db, assertionId: `oidc-logout:${claims.jti}`, expiresAt: replayUntil })))
      throw new LogoutTokenError("The logout token was already used.");
    const sessions = await revokeIdpSessions({
      db,
      idp: `oidc:${getEnv().AIRLOCK_OIDC_ISSUER}`,
      subject: claims.sub,
      idpSessionIds: claims.sid ? [claims.sid] : [],
      reason: "signed out at the identity provider",
      now,
    });
    await audit("success", { method: "oidc", initiatedBy: "idp", sessions, bySid: Boolean(claims.sid) });
    return { ok: true, sessions };
  } catch (error) {
    if (!(error instanceof LogoutTokenError)) {
      log.error("oidc_backchannel_logout_failed", { error });
      return { ok: false, description: "The logout could not be processed." };
    }
    log.warn("oidc_logout_token_refused", { message: error.message });
    await audit("failure", { method: "oidc", message: error.message }, "oidc_logout_token_invalid").catch(
      () => undefined,
    );
    return { ok: false, description: error.message };
  }
}
