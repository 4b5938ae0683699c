import { z } from "zod";
import {
  accountInputSchema,
  checkRoleGuardrails,
  groupNameSchema,
  plainTextSchema,
  roleNameSchema,
  rolePathSchema,
  samlProviderNameSchema,
  stepUpMinutesSchema,
  grantSecondsSchema,
  mappingKinds,
  MAX_SESSION_SECONDS,
  MIN_SESSION_SECONDS,
} from "@/lib/entitlements/schemas";
import type { AccountDto, RoleDto } from "@/lib/entitlements/store";

/** The config-as-code document: accounts, their roles, and the groups mapped to each role. */

const durationSchema = z
  .number()
  .int()
  .min(MIN_SESSION_SECONDS, "at least 900 seconds")
  .max(MAX_SESSION_SECONDS, "at most 43200 seconds");

const mappingSchema = z.union([
  groupNameSchema,
  z
    .object({
      group: groupNameSchema,
      maxDurationSeconds: durationSchema.optional(),
      /** eligible: members request the role, approved by approverGroup (else Airlock's admins). */
      kind: z.enum(mappingKinds, "kind is standing or eligible").default("standing"),
      approverGroup: groupNameSchema.optional(),
      maxGrantSeconds: grantSecondsSchema.optional(),
    })
    .strict()
    .refine((m) => m.kind === "eligible" || (m.approverGroup === undefined && m.maxGrantSeconds === undefined), {
      message: "approverGroup and maxGrantSeconds apply to kind: eligible mappings only",
    }),
]);

const roleSchema = z
  .object({
    name: roleNameSchema,
    path: rolePathSchema,
    description: plainTextSchema(500).optional(),
    maxSessionDuration: durationSchema.default(3600),
    samlProviderName: samlProviderNameSchema.optional(),
    /** Guardrails: a reason for every issuance; Airlock's default and limit below maxSessionDuration. */
    requireReason: z.boolean("requireReason is true or false").default(false),
    defaultSessionDuration: durationSchema.optional(),
    sessionDurationLimit: durationSchema.optional(),
    /** Guardrail: read-only sessions unless the person asks for write. */
    readOnlyFirst: z.boolean("readOnlyFirst is true or false").default(false),
    /** Guardrail: an IdP authentication within this many minutes before any issuance. */
    stepUpMinutes: stepUpMinutesSchema.optional(),
    /** Requests for the role need this many approvals, from different approvers. */
    approvalsRequired: z.number().int().min(1, "at least 1").max(2, "at most 2").default(1),
    groups: z.array(mappingSchema).default([]),
  })
  .strict()
  .superRefine(checkRoleGuardrails);

const accountSchema = accountInputSchema
  .extend({
    id: z
      .string('write the account id in quotes, such as "012345678901", so leading zeros are kept')
      .pipe(accountInputSchema.shape.id),
    description: plainTextSchema(500).optional(),
    owner: plainTextSchema(200).optional(),
    roles: z.array(roleSchema).default([]),
  })
  .strict();

export const entitlementsConfigSchema = z
  .object({ accounts: z.array(accountSchema).default([]) })
  .strict()
  .superRefine((config, ctx) => {
    const ids = new Set<string>();
    const names = new Set<string>();
    config.accounts.forEach((account, a) => {
      if (ids.has(account.id))
        ctx.addIssue({
          code: "custom",
          path: ["accounts", a, "id"],
          message: `account id ${account.id} appears twice`,
        });
      if (names.has(account.name))
        ctx.addIssue({
          code: "custom",
          path: ["accounts", a, "name"],
          message: `account name ${account.name} appears twice`,
        });
      ids.add(account.id);
      names.add(account.name);
      const roles = new Set<string>();
      account.roles.forEach((role, r) => {
        if (roles.has(role.name))
          ctx.addIssue({
            code: "custom",
            path: ["accounts", a, "roles", r, "name"],
            message: `role ${role.name} appears twice in account ${account.id}`,
          });
        roles.add(role.name);
        const groups = new Set<string>();
        role.groups.forEach((m, g) => {
          const group = typeof m === "string" ? m : m.group;
          if (groups.has(group))
            ctx.addIssue({
              code: "custom",
              path: ["accounts", a, "roles", r, "groups", g],
              message: `group ${group} is mapped twice to ${role.name}`,
            });
          groups.add(group);
          if (typeof m !== "string" && m.maxDurationSeconds && m.maxDurationSeconds > role.maxSessionDuration) {
            ctx.addIssue({
              code: "custom",
              path: ["accounts", a, "roles", r, "groups", g, "maxDurationSeconds"],
              message: "a mapping's cap cannot exceed the role's maxSessionDuration",
            });
          }
        });
      });
    });
  });

export type EntitlementsConfig = z.output<typeof entitlementsConfigSchema>;

/** The flat, comparable form of a config: one entry per account, role and mapping. */
export type FlatConfig = {
  accounts: Map<string, AccountDto>;
  roles: Map<string, Omit<RoleDto, "id">>;
  mappings: Map<string, FlatMapping>;
};

export type FlatMapping = {
  accountId: string;
  roleName: string;
  group: string;
  maxDurationSeconds: number | null;
  kind: string;
  approverGroup: string | null;
  maxGrantSeconds: number | null;
};

export const roleKey = (accountId: string, name: string) => `${accountId}/${name}`;
export const mappingKey = (accountId: string, roleName: string, group: string) => `${accountId}/${roleName}/${group}`;

export function flattenConfig(config: EntitlementsConfig): FlatConfig {
  const flat: FlatConfig = { accounts: new Map(), roles: new Map(), mappings: new Map() };
  for (const a of config.accounts) {
    flat.accounts.set(a.id, {
      id: a.id,
      name: a.name,
      environment: a.environment,
      partition: a.partition,
      description: a.description ?? null,
      owner: a.owner ?? null,
    });
    for (const r of a.roles) {
      flat.roles.set(roleKey(a.id, r.name), {
        accountId: a.id,
        name: r.name,
        path: r.path,
        description: r.description ?? null,
        maxSessionDuration: r.maxSessionDuration,
        samlProviderName: r.samlProviderName ?? null,
        requireReason: r.requireReason,
        defaultSessionDuration: r.defaultSessionDuration ?? null,
        sessionDurationLimit: r.sessionDurationLimit ?? null,
        readOnlyFirst: r.readOnlyFirst,
        stepUpMinutes: r.stepUpMinutes ?? null,
        approvalsRequired: r.approvalsRequired,
      });
      for (const m of r.groups) {
        const group = typeof m === "string" ? m : m.group;
        flat.mappings.set(mappingKey(a.id, r.name, group), {
          accountId: a.id,
          roleName: r.name,
          group,
          maxDurationSeconds: typeof m === "string" ? null : (m.maxDurationSeconds ?? null),
          kind: typeof m === "string" ? "standing" : m.kind,
          approverGroup: typeof m === "string" ? null : (m.approverGroup ?? null),
          maxGrantSeconds: typeof m === "string" ? null : (m.maxGrantSeconds ?? null),
        });
      }
    }
  }
  return flat;
}
