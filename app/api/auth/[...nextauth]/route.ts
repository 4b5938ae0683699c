import NextAuth from "next-auth";
import { NextRequest } from "next/server";
import { runWithPassiveOidc } from "@/lib/auth/oidc-passive";
import { getAuthOptions } from "@/lib/auth/options";
import { withSignInRateLimit } from "@/lib/auth/sign-in-rate-limit";
import { readBodyWithLimit } from "@/lib/http/read-body";
import { buildStatusPage } from "@/lib/http/status-page";

export const dynamic = "force-dynamic";

type Context = { params: Promise<{ nextauth: string[] }> };

// next-auth's own forms (csrfToken, callbackUrl, a login ticket) are well under 1 KiB; it would
// otherwise read any body whole into memory before looking at it.
const MAX_BODY_BYTES = 64 * 1024;

// Connection: close, so the server drops the rest of the body instead of reading it to the end.
const tooLarge = () =>
  buildStatusPage({
    status: 413,
    title: "Request too large",
    message: `Airlock accepts at most ${MAX_BODY_BYTES / 1024} KiB here. Start again from the sign-in page.`,
    headers: { Connection: "close" },
  });

// GET|POST /api/auth/*: next-auth (OIDC sign-in, passive OIDC refresh, SAML ticket redemption, session, sign-out)
async function handler(request: NextRequest, context: Context): Promise<Response> {
  const run = async () => {
    let forwarded = request;
    if (request.method === "POST") {
      const body = await readBodyWithLimit(request, MAX_BODY_BYTES);
      if (body === undefined) return tooLarge();
      forwarded = new NextRequest(request.url, { method: "POST", headers: request.headers, body });
    }
    return runWithPassiveOidc(forwarded, () => NextAuth(forwarded, context, getAuthOptions()) as Promise<Response>);
  };
  const [action] = (await context.params).nextauth;
  // Starting a sign-in and redeeming its answer (the OIDC callback is a GET from the IdP) need no
  // session and write rows: rate-limited per client address.
  if ((request.method === "POST" && action === "signin") || action === "callback")
    return withSignInRateLimit(request, run);
  return run();
}

export { handler as GET, handler as POST };
