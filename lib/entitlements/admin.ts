import "server-only";
import { recordAuditEvent } from "@/lib/audit/record";
import type { DbClient } from "@/lib/db/client";
import { AppError } from "@/lib/errors";
import {
  accountInputSchema,
  roleInputSchema,
  type AccountInput,
  type GroupMappingInput,
  type RoleInput,
} from "@/lib/entitlements/schemas";
import {
  accountDtoSelect,
  createAccount,
  createGroupMapping,
  createRole,
  parseOrThrow,
  roleDtoSelect,
  type GroupMappingDto,
} from "@/lib/entitlements/store";

/**
 * Admin changes to accounts, roles and mappings, each validated and audited with before and after.
 * Callers (Server Actions) check admin rights first and run each call in a transaction, so a change
 * and its audit event are written together or not at all; `actor` names who made the change.
 */

export type Actor = { userId: string; email: string };

async function audit(
  db: DbClient,
  actor: Actor,
  action: string,
  fields: { accountId?: string; roleName?: string; before?: unknown; after?: unknown },
) {
  const { before, after, ...target } = fields;
  await recordAuditEvent({
    db,
    event: {
      action,
      outcome: "success",
      actor: actor.email,
      userId: actor.userId,
      ...target,
      details: { before: before ?? null, after: after ?? null },
    },
  });
}

export async function adminCreateAccount({ db, actor, input }: { db: DbClient; actor: Actor; input: AccountInput }) {
  const account = await createAccount({ db, input });
  await audit(db, actor, "admin.account.create", { accountId: account.id, after: account });
  return account;
}

export async function adminUpdateAccount({ db, actor, input }: { db: DbClient; actor: Actor; input: AccountInput }) {
  const data = parseOrThrow(accountInputSchema, input);
  const before = await db.account.findUnique({ where: { id: data.id }, select: accountDtoSelect });
  if (!before) throw new AppError("not_found", `There is no account ${data.id}.`);
  const clash = await db.account.findFirst({
    where: { name: data.name, NOT: { id: data.id } },
    select: { id: true },
  });
  if (clash) throw new AppError("conflict", `Account ${clash.id} is already named "${data.name}".`);
  const after = await db.account.update({ where: { id: data.id }, data, select: accountDtoSelect });
  await audit(db, actor, "admin.account.update", { accountId: after.id, before, after });
  return after;
}

/** What deleting an account takes with it: shown before the admin confirms. */
export async function describeAccountDeletion({ db, accountId }: { db: DbClient; accountId: string }) {
  const account = await db.account.findUnique({
    where: { id: accountId },
    select: {
      id: true,
      name: true,
      roles: { select: { name: true, mappings: { select: { group: true } } } },
      _count: { select: { roles: true } },
    },
  });
  if (!account) return null;
  return {
    id: account.id,
    name: account.name,
    roles: account.roles.map((r) => ({ name: r.name, groups: r.mappings.map((m) => m.group) })),
  };
}

export async function adminDeleteAccount({ db, actor, accountId }: { db: DbClient; actor: Actor; accountId: string }) {
  const before = await describeAccountDeletion({ db, accountId });
  if (!before) throw new AppError("not_found", `There is no account ${accountId}.`);
  await db.account.delete({ where: { id: accountId } });
  await audit(db, actor, "admin.account.delete", { accountId, before });
}

export async function adminCreateRole({ db, actor, input }: { db: DbClient; actor: Actor; input: RoleInput }) {
  const role = await createRole({ db, input });
  await audit(db, actor, "admin.role.create", { accountId: role.accountId, roleName: role.name, after: role });
  return role;
}

export async function adminUpdateRole({
  db,
  actor,
  roleId,
  input,
}: {
  db: DbClient;
  actor: Actor;
  roleId: string;
  input: RoleInput;
}) {
  const data = parseOrThrow(roleInputSchema, input);
  const before = await db.role.findUnique({ where: { id: roleId }, select: roleDtoSelect });
  if (!before) throw new AppError("not_found", "That role no longer exists.");
  const after = await db.role.update({
    where: { id: roleId },
    data: { ...data, accountId: before.accountId },
    select: roleDtoSelect,
  });
  await audit(db, actor, "admin.role.update", { accountId: after.accountId, roleName: after.name, before, after });
  return after;
}

export async function adminDeleteRole({ db, actor, roleId }: { db: DbClient; actor: Actor; roleId: string }) {
  const before = await db.role.findUnique({
    where: { id: roleId },
    select: { id: true, accountId: true, name: true, mappings: { select: { group: true } } },
  });
  if (!before) throw new AppError("not_found", "That role no longer exists.");
  await db.role.delete({ where: { id: roleId } });
  await audit(db, actor, "admin.role.delete", { accountId: before.accountId, roleName: before.name, before });
  return { name: before.name };
}

/** What the audit log keeps of a mapping: its group and cap, and for an eligible one its approvers and grant limit. */
function mappingAuditFields(m: Omit<GroupMappingDto, "id" | "roleId">) {
  const { group, maxDurationSeconds, kind, approverGroup, maxGrantSeconds } = m;
  return kind === "eligible"
    ? { group, maxDurationSeconds, kind, approverGroup, maxGrantSeconds }
    : { group, maxDurationSeconds };
}

export async function adminCreateMapping({
  db,
  actor,
  input,
}: {
  db: DbClient;
  actor: Actor;
  input: GroupMappingInput;
}) {
  const mapping = await createGroupMapping({ db, input });
  const role = await db.role.findUniqueOrThrow({
    where: { id: mapping.roleId },
    select: { accountId: true, name: true },
  });
  await audit(db, actor, "admin.mapping.create", {
    accountId: role.accountId,
    roleName: role.name,
    after: mappingAuditFields(mapping),
  });
  return mapping;
}

export async function adminDeleteMapping({ db, actor, mappingId }: { db: DbClient; actor: Actor; mappingId: string }) {
  const before = await db.groupMapping.findUnique({
    where: { id: mappingId },
    select: {
      group: true,
      maxDurationSeconds: true,
      kind: true,
      approverGroup: true,
      maxGrantSeconds: true,
      role: { select: { accountId: true, name: true } },
    },
  });
  if (!before) throw new AppError("not_found", "That mapping no longer exists.");
  await db.groupMapping.delete({ where: { id: mappingId } });
  await audit(db, actor, "admin.mapping.delete", {
    accountId: before.role.accountId,
    roleName: before.role.name,
    before: mappingAuditFields(before),
  });
  return { group: before.group, roleName: before.role.name };
}
