import "server-only";
import { parseGroups } from "@/lib/auth/identity";
import type { Db } from "@/lib/db/client";
import { listEntitlementsForGroups, type EntitlementDto } from "@/lib/entitlements/store";

/** "What can this person or group reach, and why?", and "who reaches this role?" */

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

export type RoleAccess = {
  accountId: string;
  accountName: string;
  roleName: string;
  maxSessionDuration: number;
  mappings: { id: string; group: string; maxDurationSeconds: number | null }[];
};

export async function describeRoleAccess({ db, roleId }: { db: Db; roleId: string }): Promise<RoleAccess | null> {
  const role = await db.role.findUnique({
    where: { id: roleId },
    select: {
      name: true,
      maxSessionDuration: true,
      account: { select: { id: true, name: true } },
      mappings: { select: { id: true, group: true, maxDurationSeconds: true }, orderBy: { group: "asc" } },
    },
  });
  if (!role) return null;
  return {
    accountId: role.account.id,
    accountName: role.account.name,
    roleName: role.name,
    maxSessionDuration: role.maxSessionDuration,
    mappings: role.mappings,
  };
}
