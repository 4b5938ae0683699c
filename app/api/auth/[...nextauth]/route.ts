import NextAuth from "next-auth";
import type { NextRequest } from "next/server";
import { runWithPassiveOidc } from "@/lib/auth/oidc-passive";
import { getAuthOptions } from "@/lib/auth/options";

export const dynamic = "force-dynamic";

type Context = { params: Promise<{ nextauth: string[] }> };

// GET|POST /api/auth/*: next-auth (OIDC sign-in, passive OIDC refresh, SAML ticket redemption, session, sign-out)
async function handler(request: NextRequest, context: Context): Promise<Response> {
  return runWithPassiveOidc(request, () => NextAuth(request, context, getAuthOptions()) as Promise<Response>);
}

export { handler as GET, handler as POST };
