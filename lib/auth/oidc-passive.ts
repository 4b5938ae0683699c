import "server-only";
import { createHash } from "node:crypto";
import type { NextRequest } from "next/server";
import { safeRelativePath } from "@/lib/auth/redirects";
import { buildRefreshPath } from "@/lib/auth/refresh-path";
import { getEnv } from "@/lib/env";

/**
 * The passive OIDC round trip (`prompt=none`) that refreshes a session's groups, around next-auth.
 * next-auth v4 cannot tell a passive sign-in from any other, so when it starts one Airlock sets a
 * marker cookie holding the hash of that flow's state cookie (next-auth writes a new one for every
 * sign-in it starts, and checks it against the IdP's `state` before any callback runs). A callback
 * is passive only while the state cookie is still that one: an ordinary sign-in started later has
 * another state cookie, so it cannot be taken for passive, whatever marker is left behind.
 */

export const OIDC_PASSIVE_COOKIE = "airlock_oidc_passive";
// next-auth's own lifetime for its state cookie: the flow cannot outlive it.
const MARKER_SECONDS = 15 * 60;
// What an IdP answers to prompt=none when the person has to be there (OpenID Connect Core 3.1.2.6).
const NEEDS_THE_PERSON = new Set([
  "login_required",
  "interaction_required",
  "consent_required",
  "account_selection_required",
]);

type CookieReader = { get(name: string): { value: string } | undefined };

/** Whether Airlock's cookies (and so next-auth's) carry Secure and the __Secure- prefix. */
export function usesSecureCookies(airlockUrl: string): boolean {
  return airlockUrl.startsWith("https://");
}

function cookieSettings(): { stateCookie: string; attributes: string } {
  const secure = usesSecureCookies(getEnv().AIRLOCK_URL);
  return {
    stateCookie: `${secure ? "__Secure-" : ""}next-auth.state`,
    attributes: `Path=/api/auth; HttpOnly; SameSite=Lax${secure ? "; Secure" : ""}`,
  };
}

const hashOf = (value: string) => createHash("sha256").update(value).digest("base64url");

/** The passive flow this browser is in, if its marker belongs to the current state cookie: where it goes next. */
export function readPassiveFlow(cookies: CookieReader): { callbackUrl: string } | undefined {
  const { stateCookie } = cookieSettings();
  const [hash, callbackUrl] = cookies.get(OIDC_PASSIVE_COOKIE)?.value.split(".") ?? [];
  const state = cookies.get(stateCookie)?.value;
  if (!hash || !state || hash !== hashOf(state)) return undefined;
  return { callbackUrl: safeRelativePath(Buffer.from(callbackUrl ?? "", "base64url").toString("utf8")) };
}

function buildMarker(response: Response, callbackUrl: string): string | undefined {
  const { stateCookie, attributes } = cookieSettings();
  const state = response.headers
    .getSetCookie()
    .map((c) => c.split(";")[0])
    .find((c) => c.startsWith(`${stateCookie}=`))
    ?.slice(stateCookie.length + 1);
  if (!state) return undefined;
  const value = `${hashOf(state)}.${Buffer.from(safeRelativePath(callbackUrl)).toString("base64url")}`;
  return `${OIDC_PASSIVE_COOKIE}=${value}; ${attributes}; Max-Age=${MARKER_SECONDS}`;
}

/**
 * Runs next-auth's handler (`run`) for `request`, marking the flow when it starts a prompt=none
 * sign-in, and sending the person on to an ordinary sign-in (same destination) when the IdP
 * answers that it needs them, instead of next-auth's error page.
 */
export async function runWithPassiveOidc(request: NextRequest, run: () => Promise<Response>): Promise<Response> {
  const { pathname, searchParams } = request.nextUrl;
  if (request.method === "POST" && pathname === "/api/auth/signin/oidc" && searchParams.get("prompt") === "none") {
    const callbackUrl = String((await request.clone().formData()).get("callbackUrl") ?? "/");
    const response = await run();
    const marker = buildMarker(response, callbackUrl);
    if (marker) response.headers.append("Set-Cookie", marker);
    return response;
  }
  if (pathname !== "/api/auth/callback/oidc") return run();
  const flow = readPassiveFlow(request.cookies);
  if (!flow) return run();
  const response = NEEDS_THE_PERSON.has(searchParams.get("error") ?? "")
    ? new Response(null, {
        status: 303,
        headers: { Location: buildRefreshPath({ idp: "oidc", callbackUrl: flow.callbackUrl, interactive: true }) },
      })
    : await run();
  response.headers.append("Set-Cookie", `${OIDC_PASSIVE_COOKIE}=; ${cookieSettings().attributes}; Max-Age=0`);
  return response;
}
