import "server-only";
import { hkdfSync } from "node:crypto";
import { jwtDecrypt } from "jose";
import type { JWT } from "next-auth/jwt";
import { cookies } from "next/headers";
import { redirect } from "next/navigation";
import { isAdminOf } from "@/lib/auth/identity";
import { getSessionSecret } from "@/lib/auth/secret";
import type { SessionUser } from "@/lib/auth/session-user";
import { getEnv } from "@/lib/env";
import { AppError } from "@/lib/errors";

/**
 * Guards. Every page, action and handler calls one of these itself: a layout's check does not
 * protect what is beneath it.
 */

export type PortalUser = SessionUser & { isAdmin: boolean; idp: string };

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

/**
 * The signed-in user from next-auth's encrypted session cookie, or null. The cookie is decrypted
 * directly (as next-auth's `getToken` does): this runs on every page and API call, and
 * `getServerSession` would also re-encrypt a fresh cookie that a Server Component cannot set.
 */
export async function getSessionUser(): Promise<PortalUser | null> {
  const env = getEnv();
  const cookieName = `${env.AIRLOCK_URL.startsWith("https://") ? "__Secure-" : ""}next-auth.session-token`;
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
  if (!value) return null;
  const token = await decodeSessionToken(value, getSessionSecret());
  if (!token?.uid || !token.email) return null;
  const groups = token.groups ?? [];
  return {
    id: token.uid,
    email: token.email,
    name: token.name ?? null,
    username: token.username ?? token.email.split("@")[0],
    groups,
    idp: token.idp ?? "",
    authenticatedAt: token.authTime ? new Date(token.authTime * 1000) : undefined,
    isAdmin: isAdminOf(groups, env.AIRLOCK_ADMIN_GROUPS),
  };
}

/** For pages: the user, or a redirect to sign-in that comes back to `returnTo`. */
export async function requireUser(returnTo = "/"): Promise<PortalUser> {
  const user = await getSessionUser();
  if (!user) redirect(`/signin?callbackUrl=${encodeURIComponent(returnTo)}`);
  return user;
}

/** For route handlers and actions: the user, or an `unauthenticated` AppError (401). */
export async function requireApiUser(): Promise<PortalUser> {
  const user = await getSessionUser();
  if (!user) throw new AppError("unauthenticated", "Sign in to Airlock first.");
  return user;
}

/** For admin handlers and actions: the admin, or `forbidden` (403). */
export async function requireApiAdmin(): Promise<PortalUser> {
  const user = await requireApiUser();
  if (!user.isAdmin) throw new AppError("forbidden", "Only Airlock administrators can do this.");
  return user;
}
