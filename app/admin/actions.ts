"use server";

import { redirect } from "next/navigation";
import type { ActionState } from "@/components/admin/action-form";
import { run } from "@/app/admin/run-admin-action";
import { getDb } from "@/lib/db/client";
import {
  adminCreateAccount,
  adminCreateMapping,
  adminCreateRole,
  adminDeleteAccount,
  adminDeleteMapping,
  adminDeleteRole,
  adminUpdateAccount,
  adminUpdateRole,
} from "@/lib/entitlements/admin";

// Every action checks admin rights itself: the admin layout's check does not protect these.

const text = (form: FormData, name: string) => {
  const value = form.get(name);
  return typeof value === "string" ? value : "";
};
// Admins enter durations in hours (1.5 = 90 minutes); Airlock stores seconds.
const optionalHours = (form: FormData, name: string) =>
  text(form, name).trim() === "" ? undefined : Math.round(Number(text(form, name)) * 3600);

function accountInput(form: FormData) {
  return {
    id: text(form, "id"),
    name: text(form, "name"),
    environment: text(form, "environment"),
    partition: (text(form, "partition") || "aws") as "aws",
    description: text(form, "description"),
    owner: text(form, "owner"),
  };
}

export async function createAccountAction(_: ActionState, form: FormData): Promise<ActionState> {
  return run(async (actor) => {
    const account = await getDb().$transaction((tx) =>
      adminCreateAccount({ db: tx, actor, input: accountInput(form) }),
    );
    return `Account ${account.name} (${account.id}) created.`;
  });
}

export async function updateAccountAction(_: ActionState, form: FormData): Promise<ActionState> {
  return run(async (actor) => {
    await getDb().$transaction((tx) => adminUpdateAccount({ db: tx, actor, input: accountInput(form) }));
    return "Account saved.";
  });
}

export async function deleteAccountAction(_: ActionState, form: FormData): Promise<ActionState> {
  const state = await run(async (actor) => {
    await getDb().$transaction((tx) => adminDeleteAccount({ db: tx, actor, accountId: text(form, "accountId") }));
    return "Account deleted.";
  });
  if (state.ok) redirect("/admin/accounts");
  return state;
}

function roleInput(form: FormData) {
  return {
    accountId: text(form, "accountId"),
    name: text(form, "name"),
    path: text(form, "path") || "/",
    description: text(form, "description"),
    maxSessionDuration: optionalHours(form, "maxSessionDuration"),
    samlProviderName: text(form, "samlProviderName") || null,
    // Guardrails: an empty field clears them (null), so an edit can lift a default or a limit.
    requireReason: form.get("requireReason") === "on",
    defaultSessionDuration: optionalHours(form, "defaultSessionDuration") ?? null,
    sessionDurationLimit: optionalHours(form, "sessionDurationLimit") ?? null,
    readOnlyFirst: form.get("readOnlyFirst") === "on",
    // Whole minutes; anything else (1.5, "abc") reaches the schema as NaN or a fraction, and its message.
    stepUpMinutes: text(form, "stepUpMinutes").trim() === "" ? null : Number(text(form, "stepUpMinutes")),
    approvalsRequired: form.get("twoApprovals") === "on" ? 2 : 1,
  };
}

export async function createRoleAction(_: ActionState, form: FormData): Promise<ActionState> {
  return run(async (actor) => {
    const role = await getDb().$transaction((tx) => adminCreateRole({ db: tx, actor, input: roleInput(form) }));
    return `Role ${role.name} created.`;
  });
}

export async function updateRoleAction(_: ActionState, form: FormData): Promise<ActionState> {
  return run(async (actor) => {
    await getDb().$transaction((tx) =>
      adminUpdateRole({ db: tx, actor, roleId: text(form, "roleId"), input: roleInput(form) }),
    );
    return "Role saved.";
  });
}

export async function deleteRoleAction(_: ActionState, form: FormData): Promise<ActionState> {
  return run(async (actor) => {
    const role = await getDb().$transaction((tx) => adminDeleteRole({ db: tx, actor, roleId: text(form, "roleId") }));
    return `Role ${role.name} deleted.`;
  });
}

export async function createMappingAction(_: ActionState, form: FormData): Promise<ActionState> {
  return run(async (actor) => {
    const input = {
      group: text(form, "group"),
      roleId: text(form, "roleId"),
      maxDurationSeconds: optionalHours(form, "maxDurationSeconds"),
      // Eligible: members request the role; approvers and a grant limit apply to eligible mappings only.
      kind: text(form, "kind") === "eligible" ? ("eligible" as const) : ("standing" as const),
      approverGroup: text(form, "kind") === "eligible" ? text(form, "approverGroup") || null : null,
      maxGrantSeconds: text(form, "kind") === "eligible" ? optionalHours(form, "maxGrantSeconds") : null,
    };
    const mapping = await getDb().$transaction((tx) => adminCreateMapping({ db: tx, actor, input }));
    return mapping.kind === "eligible"
      ? `Group ${mapping.group} may now request it.`
      : `Group ${mapping.group} mapped.`;
  });
}

export async function deleteMappingAction(_: ActionState, form: FormData): Promise<ActionState> {
  return run(async (actor) => {
    const mapping = await getDb().$transaction((tx) =>
      adminDeleteMapping({ db: tx, actor, mappingId: text(form, "mappingId") }),
    );
    return `${mapping.group} unmapped from ${mapping.roleName}.`;
  });
}
