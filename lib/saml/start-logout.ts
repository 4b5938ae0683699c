import "server-only";
import { randomUUID } from "node:crypto";
import type { Db } from "@/lib/db/client";
import { getEnv } from "@/lib/env";
import { log } from "@/lib/log";
import { buildSloBrowserCookie, newBrowserNonce } from "@/lib/saml/browser-binding";
import { getCorporateIdp } from "@/lib/saml/corporate-idp";
import { buildLogoutRequestXml } from "@/lib/saml/logout-messages";
import { PENDING_REQUEST_SECONDS, savePendingRequest } from "@/lib/saml/pending-requests";
import { buildSignedRedirectUrl } from "@/lib/saml/redirect-binding";
import { buildSpEntityId } from "@/lib/saml/service-provider";
import { getSigningMaterial } from "@/lib/saml/signing-key";
import type { SamlIdpLogout } from "@/lib/sessions/idp-logout";

/**
 * SP-initiated single logout, once the Airlock session has ended: a LogoutRequest naming the
 * person as the IdP's assertion did, signed (HTTP-Redirect binding, RSA-SHA256) with Airlock's
 * SAML signing key, and remembered against this browser so that only its answer is accepted.
 * Null when the IdP publishes no SingleLogoutService (or is unreachable): the local sign-out stands.
 *
 * Why Airlock's one signing key: a second key would be one more secret to provision and rotate,
 * and the redirect binding signs a query string that Airlock composes entirely, which no one can
 * turn into an assertion AWS would accept.
 */
export async function startSamlLogout({
  db,
  logout,
  now = new Date(),
}: {
  db: Db;
  logout: SamlIdpLogout;
  now?: Date;
}): Promise<{ location: string; cookie: string } | null> {
  try {
    const { sloUrl } = await getCorporateIdp();
    if (!sloUrl) return null;
    const id = `_${randomUUID()}`;
    const xml = buildLogoutRequestXml({
      id,
      now,
      destination: sloUrl,
      issuer: buildSpEntityId(getEnv().AIRLOCK_URL),
      handle: logout,
    });
    const browserNonce = newBrowserNonce();
    await savePendingRequest({ db, requestId: id, browserNonce, relayState: "", kind: "logout", now });
    const location = buildSignedRedirectUrl({
      endpoint: sloUrl,
      param: "SAMLRequest",
      xml,
      privateKey: getSigningMaterial().privateKey,
    });
    return { location, cookie: buildSloBrowserCookie(browserNonce, PENDING_REQUEST_SECONDS) };
  } catch (error) {
    log.error("saml_logout_start_failed", { error });
    return null;
  }
}
