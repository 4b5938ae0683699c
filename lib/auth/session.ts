import "server-only";
import { hkdfSync } from "node:crypto";
import { jwtDecrypt } from "jose";
import type { JWT } from "next-auth/jwt";
import { cookies, headers } from "next/headers";
import { forbidden, redirect } from "next/navigation";
import { parseBearerToken } from "@/lib/auth/bearer-token";
import { isAdminOf } from "@/lib/auth/identity";
import { safeRelativePath } from "@/lib/auth/redirects";
import { buildRefreshPath, idpKindOf } from "@/lib/auth/refresh-path";
import { getSessionSecret } from "@/lib/auth/secret";
import type { SessionUser } from "@/lib/auth/session-user";
import { getDb } from "@/lib/db/client";
import { getEnv } from "@/lib/env";
import { AppError } from "@/lib/errors";
import { REQUEST_PATH_HEADER } from "@/lib/http/request-path";
import { lookupSession, type ActiveSession, type SessionRefusal } from "@/lib/sessions/find-session";

/**
 * Guards. Every page, action and handler calls one of these itself: a layout's check does not
 * protect what is beneath it.
 */

export type PortalUser = SessionUser & {
  isAdmin: boolean;
  idp: string;
  /** The session row's id (the SHA-256 of its secret). */
  sessionId: string;
  /** Whether the groups are recent enough (AIRLOCK_GROUPS_MAX_AGE) to decide issuance and admin actions. */
  hasFreshGroups: boolean;
  /** When the IdP last asserted `groups`. */
  groupsCheckedAt: Date;
  /** A browser (cookie) or a terminal (bearer token from the device flow). */
  sessionKind: "browser" | "terminal";
  sessionExpiresAt: Date;
  /** The console region the person last chose (the default region of the credentials they get). */
  preferredRegion: string | null;
};

let sessionKey: { secret: string; key: Uint8Array } | undefined;

/**
 * Decrypts a session token exactly as next-auth's `decode` does (A256GCM under a key derived with
 * HKDF-SHA256, 15 s clock tolerance), but derives the key once per secret instead of per call.
 * Null when the token is not a valid, current session of this deployment.
 */
export async function decodeSessionToken(token: string, secret: string): Promise<JWT | null> {
  if (sessionKey?.secret !== secret) {
    const key = new Uint8Array(hkdfSync("sha256", secret, "", "NextAuth.js Generated Encryption Key", 32));
    sessionKey = { secret, key };
  }
  try {
    const { payload } = await jwtDecrypt(token, sessionKey.key, { clockTolerance: 15 });
    return payload as JWT;
  } catch {
    return null;
  }
}

/** next-auth's session cookie name for this deployment. */
export function sessionCookieName(): string {
  return `${getEnv().AIRLOCK_URL.startsWith("https://") ? "__Secure-" : ""}next-auth.session-token`;
}

/** The decrypted session cookie of this request, or null. */
export async function readSessionCookie(): Promise<JWT | null> {
  const cookieName = sessionCookieName();
  const jar = await cookies();
  // Large sessions are split into numbered chunks by next-auth.
  const value =
    jar.get(cookieName)?.value ??
    jar
      .getAll()
      .filter((c) => c.name.startsWith(`${cookieName}.`))
      .sort((a, b) => Number(a.name.split(".").pop()) - Number(b.name.split(".").pop()))
      .map((c) => c.value)
      .join("");
  return value ? decodeSessionToken(value, getSessionSecret()) : null;
}

/**
 * The signed-in user, or null. The cookie only names the session: identity, groups and admin
 * rights come from the session row, looked up on every call, so sign-out, expiry and revocation
 * hold at once on every instance. The cookie is decrypted directly (as next-auth's `getToken`
 * does): `getServerSession` would also re-encrypt a fresh cookie that a Server Component cannot set.
 */
export async function getSessionUser(): Promise<PortalUser | null> {
  const token = await readSessionCookie();
  if (!token?.sid) return null;
  const { session } = await lookupSession({ db: getDb(), secret: token.sid, kind: "browser" });
  return session && toPortalUser(session);
}

function toPortalUser(session: ActiveSession): PortalUser {
  return {
    ...session.user,
    groups: session.groups,
    idp: session.idp,
    authenticatedAt: session.authenticatedAt,
    idpAuthenticatedAt: session.idpAuthenticatedAt,
    isAdmin: isAdminOf(session.groups, getEnv().AIRLOCK_ADMIN_GROUPS),
    sessionId: session.id,
    hasFreshGroups: session.hasFreshGroups,
    groupsCheckedAt: session.groupsCheckedAt,
    sessionKind: session.kind === "terminal" ? "terminal" : "browser",
    sessionExpiresAt: session.expiresAt,
  };
}

/** The path and query this page was asked for (set by proxy.ts), as a safe relative path. */
async function readRequestPath(): Promise<string> {
  return safeRelativePath((await headers()).get(REQUEST_PATH_HEADER));
}

const refusalMessages: Record<SessionRefusal, string> = {
  invalid_token: "This terminal token is not valid. Run `airlock login` again.",
  expired: "This terminal session has reached its end. Run `airlock login` again.",
  idle: "This terminal session ended after a time without use. Run `airlock login` again.",
  revoked: "This terminal session was signed out or revoked. Run `airlock login` again.",
  suspended: "Your Airlock access is suspended. Ask your Airlock administrators.",
};

/**
 * The terminal whose token the request carries in `Authorization: Bearer airlock_...`; undefined
 * when there is none (then the cookie decides). With a bearer token the cookie is ignored, and a
 * browser's session secret is refused: only a terminal session's token counts.
 */
async function getBearerUser(): Promise<PortalUser | undefined> {
  const secret = parseBearerToken((await headers()).get("authorization"));
  if (secret === undefined) return undefined;
  const found = secret === null ? null : await lookupSession({ db: getDb(), secret, kind: "terminal" });
  const reason = found?.session ? undefined : (found?.reason ?? "invalid_token");
  if (reason) throw new AppError("unauthenticated", refusalMessages[reason], { reason });
  return toPortalUser(found!.session!);
}

/**
 * For pages: the user, or a redirect to sign-in that comes back to `returnTo`, by default the exact
 * path and query the page was asked for. Groups older than AIRLOCK_GROUPS_MAX_AGE are re-checked
 * with the IdP first (without user interaction if it can).
 */
export async function requireUser(returnTo?: string): Promise<PortalUser> {
  const user = await getSessionUser();
  if (user?.hasFreshGroups) return user;
  const target = safeRelativePath(returnTo ?? (await readRequestPath()));
  if (!user) redirect(`/signin?callbackUrl=${encodeURIComponent(target)}`);
  redirect(buildRefreshPath({ idp: idpKindOf(user.idp), callbackUrl: target }));
}

/** For admin pages: the admin; a redirect to sign-in (back to this page), or the 403 page for anyone else. */
export async function requireAdmin(returnTo?: string): Promise<PortalUser> {
  const user = await requireUser(returnTo);
  if (!user.isAdmin) forbidden();
  return user;
}

/**
 * For route handlers and actions: the user, or an `unauthenticated` AppError (401). Issuance and
 * admin actions never rely on groups older than AIRLOCK_GROUPS_MAX_AGE; `staleGroupsOk` is for
 * actions that grant nothing (favorites). Only handlers of the terminal API pass `terminal`: there a
 * terminal's bearer token counts (and the cookie is ignored when one is sent). Everywhere else the
 * browser's cookie alone decides, and a request with a bearer token is refused (403): a token kept
 * in a file on someone's laptop never reaches admin actions or ends their browser sessions.
 */
export async function requireApiUser({ staleGroupsOk = false, terminal = false } = {}): Promise<PortalUser> {
  if (!terminal && parseBearerToken((await headers()).get("authorization")) !== undefined)
    throw new AppError("forbidden", "A terminal token cannot do this: use Airlock in your browser.");
  const user = (terminal ? await getBearerUser() : undefined) ?? (await getSessionUser());
  if (!user) throw new AppError("unauthenticated", "Sign in to Airlock first.");
  if (!user.hasFreshGroups && !staleGroupsOk) {
    const refreshUrl = buildRefreshPath({ idp: idpKindOf(user.idp), callbackUrl: "/" });
    throw new AppError(
      "unauthenticated",
      user.sessionKind === "terminal"
        ? `Airlock needs to re-check your groups with your identity provider: open ${getEnv().AIRLOCK_URL}${refreshUrl} in your browser, then try again.`
        : "Airlock needs to re-check your groups with your identity provider. Reload the page to continue.",
      { reason: "groups_stale", refreshUrl },
    );
  }
  return user;
}

/** For admin handlers and actions: the admin, or `forbidden` (403). */
export async function requireApiAdmin(): Promise<PortalUser> {
  const user = await requireApiUser();
  if (!user.isAdmin) throw new AppError("forbidden", "Only Airlock administrators can do this.");
  return user;
}
