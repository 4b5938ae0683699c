import "server-only";
import type { z } from "zod";
import { AppError } from "@/lib/errors";
import type { Db, DbClient } from "@/lib/db/client";
import { prismaErrorCode } from "@/lib/db/errors";
import {
  accountInputSchema,
  describeIssues,
  listFieldErrors,
  groupMappingInputSchema,
  roleInputSchema,
  type AccountInput,
  type GroupMappingInput,
  type RoleInput,
} from "@/lib/entitlements/schemas";

/**
 * Data access for accounts, roles and group mappings. Every write validates its input and turns
 * database constraint failures into AppErrors that say what is wrong in an admin's terms.
 */

/**
 * Validates `input` against `schema`, or throws `invalid_input` listing what is wrong, with each
 * problem by field name in `details.fieldErrors` so a form can show it beside its field.
 */
export function parseOrThrow<S extends z.ZodType>(schema: S, input: unknown): z.output<S> {
  const parsed = schema.safeParse(input);
  if (!parsed.success)
    throw new AppError("invalid_input", describeIssues(parsed.error), { fieldErrors: listFieldErrors(parsed.error) });
  return parsed.data;
}

function translateConstraintError(error: unknown, messages: { unique: string; reference: string }): never {
  const code = prismaErrorCode(error);
  if (code === "P2002") throw new AppError("conflict", messages.unique);
  if (code === "P2003" || code === "P2025") throw new AppError("invalid_input", messages.reference);
  throw error;
}

export type AccountDto = {
  id: string;
  name: string;
  environment: string;
  partition: string;
  description: string | null;
  owner: string | null;
};

/** The ORM select that yields an AccountDto. */
export const accountDtoSelect = {
  id: true,
  name: true,
  environment: true,
  partition: true,
  description: true,
  owner: true,
} as const;

export async function createAccount({ db, input }: { db: DbClient; input: AccountInput }): Promise<AccountDto> {
  const data = parseOrThrow(accountInputSchema, input);
  try {
    return await db.account.create({ data, select: accountDtoSelect });
  } catch (error) {
    translateConstraintError(error, {
      unique: `An account with id ${data.id} or name "${data.name}" already exists.`,
      reference: "The account could not be saved.",
    });
  }
}

export type RoleDto = {
  id: string;
  accountId: string;
  name: string;
  path: string;
  description: string | null;
  maxSessionDuration: number;
  samlProviderName: string | null;
  requireReason: boolean;
  defaultSessionDuration: number | null;
  sessionDurationLimit: number | null;
  readOnlyFirst: boolean;
  stepUpMinutes: number | null;
  approvalsRequired: number;
};

/** The ORM select that yields a RoleDto. */
export const roleDtoSelect = {
  id: true,
  accountId: true,
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
} as const;

export async function createRole({ db, input }: { db: DbClient; input: RoleInput }): Promise<RoleDto> {
  const data = parseOrThrow(roleInputSchema, input);
  try {
    return await db.role.create({ data, select: roleDtoSelect });
  } catch (error) {
    translateConstraintError(error, {
      unique: `Account ${data.accountId} already has a role named ${data.name}.`,
      reference: `There is no account ${data.accountId}; add the account before its roles.`,
    });
  }
}

export type GroupMappingDto = {
  id: string;
  group: string;
  roleId: string;
  maxDurationSeconds: number | null;
  kind: string;
  approverGroup: string | null;
  maxGrantSeconds: number | null;
};

export async function createGroupMapping({
  db,
  input,
}: {
  db: DbClient;
  input: GroupMappingInput;
}): Promise<GroupMappingDto> {
  const data = parseOrThrow(groupMappingInputSchema, input);
  try {
    return await db.groupMapping.create({
      data,
      select: {
        id: true,
        group: true,
        roleId: true,
        maxDurationSeconds: true,
        kind: true,
        approverGroup: true,
        maxGrantSeconds: true,
      },
    });
  } catch (error) {
    translateConstraintError(error, {
      unique: `Group "${data.group}" is already mapped to that role (standing or eligible); unmap it first to change how.`,
      reference: "That role does not exist (it may have just been deleted).",
    });
  }
}

/** An account id from a deep link's `account`: the 12-digit id itself, or the account's name. */
export async function resolveAccountId({ db, account }: { db: Db; account: string }): Promise<string | null> {
  if (/^\d{12}$/.test(account)) return account;
  const found = await db.account.findUnique({ where: { name: account }, select: { id: true } });
  return found?.id ?? null;
}
