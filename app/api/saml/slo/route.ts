import { withSignInRateLimit } from "@/lib/auth/sign-in-rate-limit";
import { getDb } from "@/lib/db/client";
import { getClientInfo } from "@/lib/http/client-info";
import { readBodyWithLimit } from "@/lib/http/read-body";
import { buildStatusPage } from "@/lib/http/status-page";
import { readBrowserNonce, SAML_BROWSER_COOKIE } from "@/lib/saml/browser-binding";
import { handleSamlSlo } from "@/lib/saml/handle-slo";
import { MAX_SAML_RESPONSE_BYTES } from "@/lib/saml/validate-response";

export const dynamic = "force-dynamic";

const MAX_QUERY_BYTES = 32 * 1024;
const MAX_BODY_BYTES = MAX_SAML_RESPONSE_BYTES * 2;

const refused = (status: number, message: string, headers?: HeadersInit) =>
  buildStatusPage({
    status,
    title: "Sign-out failed",
    message: `Airlock refused a logout message from your identity provider: ${message} Nothing was signed out by it. If this keeps happening, tell your Airlock administrators.`,
    headers,
  });

async function serve(request: Request, form?: URLSearchParams): Promise<Response> {
  const url = new URL(request.url);
  const outcome = await handleSamlSlo({
    db: getDb(),
    rawQuery: url.search.slice(1),
    form,
    browserNonce: readBrowserNonce(request.headers.get("cookie")),
    client: getClientInfo(request.headers),
  });
  if ("refused" in outcome) return refused(400, outcome.refused.message);
  const response = new Response(null, {
    status: 303,
    headers: { Location: outcome.location, "Cache-Control": "no-store" },
  });
  response.headers.append(
    "Set-Cookie",
    `${SAML_BROWSER_COOKIE}=; Path=/api/saml/slo; HttpOnly; Secure; SameSite=None; Max-Age=0`,
  );
  return response;
}

// GET /api/saml/slo: SAML single logout, HTTP-Redirect binding (IdP's LogoutRequest or LogoutResponse)
export async function GET(request: Request) {
  return withSignInRateLimit(request, async () => {
    if (Buffer.byteLength(new URL(request.url).search) > MAX_QUERY_BYTES)
      return refused(414, `the message is larger than ${MAX_QUERY_BYTES / 1024} KiB.`);
    return serve(request);
  });
}

// POST /api/saml/slo: SAML single logout, HTTP-POST binding
export async function POST(request: Request) {
  return withSignInRateLimit(request, async () => {
    const body = await readBodyWithLimit(request, MAX_BODY_BYTES);
    if (body === undefined)
      return refused(413, `the message is larger than ${MAX_BODY_BYTES / 1024} KiB.`, { Connection: "close" });
    return serve(request, new URLSearchParams(body));
  });
}
