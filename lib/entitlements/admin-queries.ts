import "server-only";
import type { Db } from "@/lib/db/client";
import { accountDtoSelect } from "@/lib/entitlements/store";

/** Read models for the admin pages. */

export async function listAccountsForAdmin({ db }: { db: Db }) {
  return db.account.findMany({
    orderBy: { name: "asc" },
    select: {
      id: true,
      name: true,
      environment: true,
      partition: true,
      owner: true,
      _count: { select: { roles: true } },
    },
  });
}

export async function getAccountForAdmin({ db, accountId }: { db: Db; accountId: string }) {
  return db.account.findUnique({
    where: { id: accountId },
    select: {
      ...accountDtoSelect,
      roles: {
        orderBy: { name: "asc" },
        select: {
          id: true,
          name: true,
          path: true,
          description: true,
          maxSessionDuration: true,
          samlProviderName: true,
          requireReason: true,
          defaultSessionDuration: true,
          sessionDurationLimit: true,
          readOnlyFirst: true,
          stepUpMinutes: true,
          approvalsRequired: true,
          mappings: {
            orderBy: { group: "asc" },
            select: {
              id: true,
              group: true,
              maxDurationSeconds: true,
              kind: true,
              approverGroup: true,
              maxGrantSeconds: true,
            },
          },
        },
      },
    },
  });
}

export async function listRolesForSetup({ db, accountId }: { db: Db; accountId: string }) {
  return db.role.findMany({
    where: { accountId, mappings: { some: {} } },
    orderBy: { name: "asc" },
    select: { name: true, path: true, maxSessionDuration: true, description: true, samlProviderName: true },
  });
}

/** Account names by id, to name accounts in the audit log (deleted accounts keep their id). */
export async function listAccountNames({ db }: { db: Db }): Promise<Map<string, string>> {
  const accounts = await db.account.findMany({ select: { id: true, name: true } });
  return new Map(accounts.map((a) => [a.id, a.name]));
}
