import { getDb } from "@/lib/db/client";
import { getClientInfo } from "@/lib/http/client-info";
import { readBrowserNonce, SAML_BROWSER_COOKIE } from "@/lib/saml/browser-binding";
import { consumeSamlResponse } from "@/lib/saml/consume-response";
import { MAX_SAML_RESPONSE_BYTES, SamlRejection } from "@/lib/saml/validate-response";

export const dynamic = "force-dynamic";

const MAX_BODY_BYTES = MAX_SAML_RESPONSE_BYTES * 2;

function seeOther(location: string): Response {
  return new Response(null, { status: 303, headers: { Location: location, "Cache-Control": "no-store" } });
}

// POST /api/saml/acs: the SAML assertion consumer service
export async function POST(request: Request) {
  if (Number(request.headers.get("content-length") ?? 0) > MAX_BODY_BYTES)
    return seeOther("/signin/error?reason=saml_too_large");
  const body = await request.text();
  if (body.length > MAX_BODY_BYTES) return seeOther("/signin/error?reason=saml_too_large");
  const form = new URLSearchParams(body);
  try {
    const { ticket, callbackUrl } = await consumeSamlResponse({
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
    return seeOther(`/signin/saml#${fragment.toString()}`);
  } catch (error) {
    const code = error instanceof SamlRejection ? error.userCode : "saml_invalid";
    const response = seeOther(`/signin/error?reason=${code}`);
    response.headers.append(
      "Set-Cookie",
      `${SAML_BROWSER_COOKIE}=; Path=/api/saml/acs; HttpOnly; Secure; SameSite=None; Max-Age=0`,
    );
    return response;
  }
}
