import "server-only";
import { parseGroups } from "@/lib/auth/identity";
import type { Db } from "@/lib/db/client";
import { listEntitlementsForGroups, type EntitlementDto } from "@/lib/entitlements/store";

/** "What can this person or group reach, and why?" (Who reaches a role is on its account page.) */

export type SubjectAccess = {
  subject: string;
  groups: string[];
  lastLoginAt: Date | null;
  known: boolean;
  entitlements: EntitlementDto[];
};

/** By email (as last seen at sign-in) or, failing that, as a group name. */
export async function describeAccessFor({ db, query }: { db: Db; query: string }): Promise<SubjectAccess> {
  const subject = query.trim();
  if (subject.includes("@")) {
    const user = await db.user.findFirst({
      where: { email: subject.toLowerCase() },
      orderBy: { lastLoginAt: "desc" },
      select: { groups: true, lastLoginAt: true },
    });
    const groups = user ? parseGroups(JSON.parse(user.groups)) : [];
    return {
      subject,
      groups,
      lastLoginAt: user?.lastLoginAt ?? null,
      known: Boolean(user),
      entitlements: await listEntitlementsForGroups({ db, groups }),
    };
  }
  return {
    subject,
    groups: [subject],
    lastLoginAt: null,
    known: true,
    entitlements: await listEntitlementsForGroups({ db, groups: [subject] }),
  };
}
