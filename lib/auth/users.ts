import "server-only";
import type { VerifiedIdentity } from "@/lib/auth/identity";
import type { Db } from "@/lib/db/client";

export type SignedInUser = {
  id: string;
  email: string;
  name: string | null;
  username: string;
  groups: string[];
  /** An admin suspended this person: the sign-in must not open a session. */
  isSuspended: boolean;
};

/** Records a sign-in: creates the user on first sight, refreshes email, name and groups. */
export async function recordSignIn({
  db,
  identity,
  now = new Date(),
}: {
  db: Db;
  identity: VerifiedIdentity;
  now?: Date;
}): Promise<SignedInUser> {
  const data = {
    email: identity.email,
    name: identity.name,
    username: identity.username,
    groups: JSON.stringify(identity.groups),
    lastLoginAt: now,
  };
  const user = await db.user.upsert({
    where: { idp_subject: { idp: identity.idp, subject: identity.subject } },
    create: { idp: identity.idp, subject: identity.subject, ...data },
    update: data,
    select: { id: true },
  });
  // A suspension holds for the person, whichever IdP they come through: every user row with their
  // (IdP-verified) email counts.
  const suspended = await db.user.count({ where: { email: identity.email, suspendedAt: { not: null } } });
  return {
    id: user.id,
    email: identity.email,
    name: identity.name,
    username: identity.username,
    groups: identity.groups,
    isSuspended: suspended > 0,
  };
}

/**
 * Another user of the same IdP with this identity's email but another subject, when no user has
 * this identity's subject yet: signing in would create a second row for one person.
 */
export async function findSubjectConflict({
  db,
  identity,
}: {
  db: Db;
  identity: VerifiedIdentity;
}): Promise<{ subject: string } | null> {
  const key = { idp: identity.idp, subject: identity.subject };
  if (await db.user.findUnique({ where: { idp_subject: key }, select: { id: true } })) return null;
  return db.user.findFirst({
    where: { idp: identity.idp, email: identity.email, subject: { not: identity.subject } },
    orderBy: { lastLoginAt: "desc" },
    select: { subject: true },
  });
}
