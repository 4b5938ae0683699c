import "server-only";
import { parseGroups } from "@/lib/auth/identity";
import type { Db } from "@/lib/db/client";
import type { Eligibility, Entitlement } from "@/lib/entitlements/entitlement";
import { listAccess } from "@/lib/entitlements/list-access";

/** "What can this person or group reach, and why?" (Who reaches a role is on its account page.) */

export type SubjectAccess = {
  subject: string;
  groups: string[];
  lastLoginAt: Date | null;
  known: boolean;
  /** Standing access and, for a person, their live grants (`standing` and `grant` tell which). */
  entitlements: Entitlement[];
  /** Roles the person or group may request. */
  eligible: Eligibility[];
  /** Mapped groups whose names differ from the one looked up only in case (group names are case-sensitive). */
  differentCase: string[];
};

/** Mapped group names equal to `group` but for case. */
async function listGroupsDifferingInCase({ db, group }: { db: Db; group: string }): Promise<string[]> {
  const mapped = await db.groupMapping.findMany({ distinct: ["group"], select: { group: true } });
  return mapped.map((m) => m.group).filter((g) => g !== group && g.toLowerCase() === group.toLowerCase());
}

/** By email (as last seen at sign-in) or, failing that, as a group name. */
export async function describeAccessFor({ db, query }: { db: Db; query: string }): Promise<SubjectAccess> {
  const subject = query.trim();
  if (subject.includes("@")) {
    const user = await db.user.findFirst({
      where: { email: subject.toLowerCase() },
      orderBy: { lastLoginAt: "desc" },
      select: { id: true, groups: true, lastLoginAt: true },
    });
    const groups = user ? parseGroups(JSON.parse(user.groups)) : [];
    return {
      subject,
      groups,
      lastLoginAt: user?.lastLoginAt ?? null,
      known: Boolean(user),
      ...(await listAccess({ db, groups, userId: user?.id })),
      differentCase: [],
    };
  }
  const access = await listAccess({ db, groups: [subject] });
  const mapped = access.entitlements.length + access.eligible.length > 0;
  return {
    subject,
    groups: [subject],
    lastLoginAt: null,
    known: true,
    ...access,
    differentCase: mapped ? [] : await listGroupsDifferingInCase({ db, group: subject }),
  };
}
