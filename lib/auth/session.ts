import "server-only";
import { getServerSession } from "next-auth";
import { redirect } from "next/navigation";
import { isAdminOf } from "@/lib/auth/identity";
import { getAuthOptions } from "@/lib/auth/options";
import type { SessionUser } from "@/lib/auth/session-user";
import { getEnv } from "@/lib/env";
import { AppError } from "@/lib/errors";

/**
 * Guards. Every page, action and handler calls one of these itself: a layout's check does not
 * protect what is beneath it.
 */

export type PortalUser = SessionUser & { isAdmin: boolean; idp: string };

/** The signed-in user from the encrypted session cookie, or null. */
export async function getSessionUser(): Promise<PortalUser | null> {
  const session = await getServerSession(getAuthOptions());
  const user = session?.user;
  if (!user?.id || !user.email) return null;
  return {
    id: user.id,
    email: user.email,
    name: user.name,
    username: user.username,
    groups: user.groups,
    idp: user.idp,
    authenticatedAt: user.authenticatedAt ? new Date(user.authenticatedAt * 1000) : undefined,
    isAdmin: isAdminOf(user.groups, getEnv().AIRLOCK_ADMIN_GROUPS),
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
