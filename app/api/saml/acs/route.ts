import { withSignInRateLimit } from "@/lib/auth/sign-in-rate-limit";
import { getDb } from "@/lib/db/client";
import { getClientInfo } from "@/lib/http/client-info";
import { LOGIN_TICKET_SECONDS } from "@/lib/auth/login-ticket";
import { readBodyWithLimit } from "@/lib/http/read-body";
import { buildStatusPage } from "@/lib/http/status-page";
import { buildTicketBrowserCookie, readBrowserNonce, SAML_BROWSER_COOKIE } from "@/lib/saml/browser-binding";
import { consumeSamlResponse } from "@/lib/saml/consume-response";
import { MAX_SAML_RESPONSE_BYTES, SamlRejection } from "@/lib/saml/validate-response";

export const dynamic = "force-dynamic";

const MAX_BODY_BYTES = MAX_SAML_RESPONSE_BYTES * 2;

function seeOther(location: string): Response {
  return new Response(null, { status: 303, headers: { Location: location, "Cache-Control": "no-store" } });
}

// Connection: close, so the server drops the rest of the body instead of reading it to the end.
const tooLarge = () =>
  buildStatusPage({
    status: 413,
    title: "Sign-in failed",
    message: `The SAML response is too large: Airlock accepts at most ${MAX_BODY_BYTES / 1024} KiB. Start again from the sign-in page; if it keeps happening, tell your Airlock administrators.`,
    headers: { Connection: "close" },
  });

// POST /api/saml/acs: the SAML assertion consumer service
export async function POST(request: Request) {
  return withSignInRateLimit(request, async () => {
    const body = await readBodyWithLimit(request, MAX_BODY_BYTES);
    if (body === undefined) return tooLarge();
    const form = new URLSearchParams(body);
    try {
      const { ticket, callbackUrl, browserNonce } = await consumeSamlResponse({
        db: getDb(),
        samlResponse: form.get("SAMLResponse") ?? "",
        relayState: form.get("RelayState") ?? undefined,
        browserNonce: readBrowserNonce(request.headers.get("cookie")),
        client: getClientInfo(request.headers),
      });
      // The IdP could not refresh the session without the person: an ordinary sign-in, same destination.
      if (!ticket) return seeOther(`/api/saml/login?callbackUrl=${encodeURIComponent(callbackUrl)}`);
      // The ticket travels in the fragment: never sent to a server, never in a Referer.
      const fragment = new URLSearchParams({ ticket, callbackUrl });
      const response = seeOther(`/signin/saml#${fragment.toString()}`);
      response.headers.append("Set-Cookie", buildTicketBrowserCookie(browserNonce, LOGIN_TICKET_SECONDS));
      return response;
    } catch (error) {
      const code = error instanceof SamlRejection ? error.userCode : "saml_invalid";
      const response = seeOther(`/signin/error?reason=${code}`);
      response.headers.append(
        "Set-Cookie",
        `${SAML_BROWSER_COOKIE}=; Path=/api/saml/acs; HttpOnly; Secure; SameSite=None; Max-Age=0`,
      );
      return response;
    }
  });
}
