import { cookies } from "next/headers";
import { finishOidcLogout, LOGOUT_STATE_COOKIE, signOut } from "@/lib/auth/sign-out";
import { getDb } from "@/lib/db/client";
import { getEnv } from "@/lib/env";
import { classifyRequestOrigin } from "@/lib/http/request-origin";
import { buildStatusPage } from "@/lib/http/status-page";

export const dynamic = "force-dynamic";

function seeOther(location: string, setCookies: string[]): Response {
  const response = new Response(null, { status: 303, headers: { Location: location, "Cache-Control": "no-store" } });
  for (const cookie of setCookies) response.headers.append("Set-Cookie", cookie);
  return response;
}

// POST /api/auth/logout: sign out of Airlock, then of the IdP (single logout) when it offers it
export async function POST(request: Request) {
  // Another site may not sign people out: the "Sign out" button is a form on Airlock's own pages.
  // Sec-Fetch-Site first: under Airlock's no-referrer policy a form post's Origin is "null".
  const site = request.headers.get("sec-fetch-site");
  const isForeign = site
    ? site === "cross-site" || site === "same-site"
    : classifyRequestOrigin(request.headers, getEnv().AIRLOCK_URL) === "foreign";
  if (isForeign)
    return buildStatusPage({
      status: 403,
      title: "Sign-out refused",
      message: "Another site asked Airlock to sign you out. Use the Sign out button in Airlock instead.",
    });
  const { location, cookies: setCookies } = await signOut({ db: getDb(), cookieHeader: request.headers.get("cookie") });
  return seeOther(location, setCookies);
}

// GET /api/auth/logout: the OIDC post_logout_redirect_uri, back from the IdP's end_session_endpoint
export async function GET(request: Request) {
  const state = new URL(request.url).searchParams.get("state");
  const { location, cookie } = finishOidcLogout({
    state,
    cookieState: (await cookies()).get(LOGOUT_STATE_COOKIE)?.value,
  });
  return seeOther(location, [cookie]);
}
