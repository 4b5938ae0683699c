import "server-only";
import { recordAuditEvent } from "@/lib/audit/record";
import type { Db } from "@/lib/db/client";
import {
  flattenConfig,
  mappingKey,
  roleKey,
  type EntitlementsConfig,
  type FlatConfig,
} from "@/lib/entitlements/config-schema";
import {
  assertPlanAllowed,
  buildConfirmationPhrase,
  digestPlan,
  type ApplyGuard,
} from "@/lib/entitlements/config-guard";
import { planConfig, type Change } from "@/lib/entitlements/config-plan";
import { accountDtoSelect } from "@/lib/entitlements/store";

type Tx = Parameters<Parameters<Db["$transaction"]>[0]>[0];

/** The database's entitlements in the flat form configs compare in. */
export async function loadCurrentConfig(db: Db | Tx): Promise<FlatConfig> {
  const accounts = await db.account.findMany({
    select: {
      ...accountDtoSelect,
      roles: {
        select: {
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
            select: { group: true, maxDurationSeconds: true, kind: true, approverGroup: true, maxGrantSeconds: true },
          },
        },
      },
    },
  });
  const flat: FlatConfig = { accounts: new Map(), roles: new Map(), mappings: new Map() };
  for (const { roles, ...account } of accounts) {
    flat.accounts.set(account.id, account);
    for (const { mappings, ...role } of roles) {
      flat.roles.set(roleKey(account.id, role.name), { accountId: account.id, ...role });
      for (const m of mappings)
        flat.mappings.set(mappingKey(account.id, role.name, m.group), {
          accountId: account.id,
          roleName: role.name,
          ...m,
        });
    }
  }
  return flat;
}

export async function planEntitlements({ db, config }: { db: Db; config: EntitlementsConfig }): Promise<Change[]> {
  return planConfig(await loadCurrentConfig(db), flattenConfig(config));
}

export type ReviewedPlan = { changes: Change[]; digest: string; confirmationPhrase: string | null };

/** The plan for `text` as an admin reviews it: the changes, their digest and any phrase to type. */
export async function reviewEntitlements({
  db,
  text,
  config,
}: {
  db: Db;
  text: string;
  config: EntitlementsConfig;
}): Promise<ReviewedPlan> {
  const current = await loadCurrentConfig(db);
  const changes = planConfig(current, flattenConfig(config));
  return {
    changes,
    digest: digestPlan({ text, current }),
    confirmationPhrase: buildConfirmationPhrase(changes, current),
  };
}

async function roleId(tx: Tx, accountId: string, name: string): Promise<string> {
  return (await tx.role.findUniqueOrThrow({ where: { accountId_name: { accountId, name } }, select: { id: true } })).id;
}

async function applyChange(tx: Tx, change: Change): Promise<void> {
  if (change.entity === "account") {
    if (change.kind === "delete") await tx.account.delete({ where: { id: change.key } });
    else if (change.after)
      await tx.account.upsert({ where: { id: change.key }, create: change.after, update: change.after });
  } else if (change.entity === "role") {
    const { accountId, name } = (change.after ?? change.before)!;
    if (change.kind === "delete") await tx.role.delete({ where: { accountId_name: { accountId, name } } });
    else if (change.after)
      await tx.role.upsert({
        where: { accountId_name: { accountId, name } },
        create: change.after,
        update: change.after,
      });
  } else {
    const { accountId, roleName, group, maxDurationSeconds, kind, approverGroup, maxGrantSeconds } = (change.after ??
      change.before)!;
    const fields = { maxDurationSeconds, kind, approverGroup, maxGrantSeconds };
    const id = await roleId(tx, accountId, roleName);
    if (change.kind === "delete") await tx.groupMapping.delete({ where: { group_roleId: { group, roleId: id } } });
    else
      await tx.groupMapping.upsert({
        where: { group_roleId: { group, roleId: id } },
        create: { group, roleId: id, ...fields },
        update: fields,
      });
  }
}

// Creates and updates parents first; deletes children first.
const order: Record<string, number> = {
  "create:account": 0,
  "update:account": 0,
  "create:role": 1,
  "update:role": 1,
  "create:mapping": 2,
  "update:mapping": 2,
  "delete:mapping": 3,
  "delete:role": 4,
  "delete:account": 5,
};

/**
 * Makes the database match the config, all or nothing: the plan is recomputed and applied in one
 * transaction, with one audit event listing every change, and only if `guard` allows it (the plan
 * is the one reviewed, destructive plans confirmed; see config-guard.ts).
 */
export async function applyEntitlements({
  db,
  config,
  actor,
  userId,
  guard,
}: {
  db: Db;
  config: EntitlementsConfig;
  actor: string;
  userId?: string;
  guard: ApplyGuard;
}): Promise<Change[]> {
  const desired = flattenConfig(config);
  return db.$transaction(
    async (tx) => {
      const current = await loadCurrentConfig(tx);
      const changes = planConfig(current, desired);
      assertPlanAllowed({ changes, current, guard });
      changes.sort((a, b) => order[`${a.kind}:${a.entity}`] - order[`${b.kind}:${b.entity}`]);
      for (const change of changes) await applyChange(tx, change);
      if (changes.length) {
        await recordAuditEvent({
          db: tx,
          event: { action: "admin.config.apply", outcome: "success", actor, userId, details: { changes } },
        });
      }
      return changes;
    },
    { timeout: 60_000 },
  );
}
