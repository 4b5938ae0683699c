import "server-only";
import { parseGroups } from "@/lib/auth/identity";
import type { Db } from "@/lib/db/client";

export type PersonSummary = {
  id: string;
  email: string;
  name: string | null;
  username: string;
  idp: string;
  groups: string[];
  lastLoginAt: Date;
  suspendedAt: Date | null;
  suspendedBy: string | null;
  suspendReason: string | null;
};

const personSelect = {
  id: true,
  email: true,
  name: true,
  username: true,
  idp: true,
  groups: true,
  lastLoginAt: true,
  suspendedAt: true,
  suspendedBy: true,
  suspendReason: true,
} as const;

const toPerson = (row: Omit<PersonSummary, "groups"> & { groups: string }): PersonSummary => ({
  ...row,
  groups: parseGroups(JSON.parse(row.groups)),
});

/** People whose email, name or username contains `query` (all, most recent first, when empty). */
export async function searchPeople({ db, query }: { db: Db; query: string }): Promise<PersonSummary[]> {
  const q = query.trim();
  const rows = await db.user.findMany({
    where: q
      ? { OR: [{ email: { contains: q.toLowerCase() } }, { name: { contains: q } }, { username: { contains: q } }] }
      : undefined,
    orderBy: { lastLoginAt: "desc" },
    take: 50,
    select: personSelect,
  });
  return rows.map(toPerson);
}

export async function getPerson({ db, id }: { db: Db; id: string }): Promise<PersonSummary | null> {
  const row = await db.user.findUnique({ where: { id }, select: personSelect });
  return row && toPerson(row);
}

/** When an admin last revoked this person's access (by email, across IdPs): the cut-off for the AWS-side deny. */
export async function findLastRevocation({ db, email }: { db: Db; email: string }): Promise<Date | null> {
  const event = await db.auditEvent.findFirst({
    // The subject is in the details (the event's userId is the admin who acted).
    where: { action: "access.revoke", details: { contains: `"subject":${JSON.stringify(email)}` } },
    orderBy: { createdAt: "desc" },
    select: { createdAt: true },
  });
  return event?.createdAt ?? null;
}
