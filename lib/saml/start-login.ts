import "server-only";
import { safeRelativePath } from "@/lib/auth/redirects";
import type { Db } from "@/lib/db/client";
import { log } from "@/lib/log";
import { buildBrowserCookie, newBrowserNonce, readBrowserNonce } from "@/lib/saml/browser-binding";
import { getCorporateIdp } from "@/lib/saml/corporate-idp";
import { PENDING_REQUEST_SECONDS, savePendingRequest } from "@/lib/saml/pending-requests";
import { buildFlaggedRequest } from "@/lib/saml/authn-request-flags";
import { getServiceProvider } from "@/lib/saml/service-provider";

/**
 * SP-initiated sign-in: an AuthnRequest by redirect, remembered (with where to go afterwards)
 * against this browser. `passive` asks the IdP to answer without the person (IsPassive, to refresh
 * a session's groups); `force` asks it to authenticate the person anew (ForceAuthn, a step-up).
 * Failures send the person to the sign-in error page.
 */
export async function startSamlLogin({
  db,
  callbackUrl,
  cookieHeader,
  passive = false,
  force = false,
}: {
  db: Db;
  callbackUrl: string | null;
  cookieHeader: string | null;
  passive?: boolean;
  force?: boolean;
}): Promise<{ location: string; cookie?: string }> {
  try {
    const { idp } = await getCorporateIdp();
    const sp = getServiceProvider();
    const flag = passive ? "IsPassive" : force ? "ForceAuthn" : undefined;
    const { id, context } = flag
      ? sp.createLoginRequest(idp, "redirect", { customTagReplacement: buildFlaggedRequest(sp, idp, flag) })
      : sp.createLoginRequest(idp, "redirect");
    const browserNonce = readBrowserNonce(cookieHeader) ?? newBrowserNonce();
    await savePendingRequest({
      db,
      requestId: id,
      browserNonce,
      relayState: safeRelativePath(callbackUrl),
      passive,
    });
    return { location: context, cookie: buildBrowserCookie(browserNonce, PENDING_REQUEST_SECONDS) };
  } catch (error) {
    log.error("saml_login_start_failed", { error });
    return { location: "/signin/error?reason=saml_unavailable" };
  }
}
