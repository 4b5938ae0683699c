import { type NextRequest } from "next/server";
import { withSignInRateLimit } from "@/lib/auth/sign-in-rate-limit";
import { startSamlLogin } from "@/lib/saml/start-login";
import { getDb } from "@/lib/db/client";

export const dynamic = "force-dynamic";

// GET /api/saml/login?callbackUrl=/path: starts SP-initiated SAML sign-in (redirect to the IdP)
export async function GET(request: NextRequest) {
  return withSignInRateLimit(request, async () => {
    const { location, cookie } = await startSamlLogin({
      db: getDb(),
      callbackUrl: request.nextUrl.searchParams.get("callbackUrl"),
      cookieHeader: request.headers.get("cookie"),
    });
    const headers = new Headers({ Location: location, "Cache-Control": "no-store" });
    if (cookie) headers.append("Set-Cookie", cookie);
    return new Response(null, { status: 302, headers });
  });
}
