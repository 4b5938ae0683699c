import NextAuth from "next-auth";
import type { NextRequest } from "next/server";
import { runWithPassiveOidc } from "@/lib/auth/oidc-passive";
import { getAuthOptions } from "@/lib/auth/options";
import { withSignInRateLimit } from "@/lib/auth/sign-in-rate-limit";

export const dynamic = "force-dynamic";

type Context = { params: Promise<{ nextauth: string[] }> };

// GET|POST /api/auth/*: next-auth (OIDC sign-in, passive OIDC refresh, SAML ticket redemption, session, sign-out)
async function handler(request: NextRequest, context: Context): Promise<Response> {
  const run = () =>
    runWithPassiveOidc(request, () => NextAuth(request, context, getAuthOptions()) as Promise<Response>);
  const [action] = (await context.params).nextauth;
  // Starting a sign-in and redeeming its answer need no session: rate-limited per client address.
  if (request.method === "POST" && (action === "signin" || action === "callback"))
    return withSignInRateLimit(request, run);
  return run();
}

export { handler as GET, handler as POST };
