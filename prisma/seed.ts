import {
  accountInputSchema,
  groupMappingInputSchema,
  roleInputSchema,
  type AccountInput,
} from "@/lib/entitlements/schemas";
import type { Db } from "@/lib/db/client";

/**
 * Demo entitlements: three accounts with Developer, ReadOnly and Admin roles, and the groups of
 * the demo identity providers mapped onto them. Idempotent: running it again changes nothing.
 */

export const demoAccounts: AccountInput[] = [
  {
    id: "111111111111",
    name: "sandbox",
    environment: "dev",
    description: "Experiments and personal stacks",
    owner: "platform@example.com",
  },
  {
    id: "222222222222",
    name: "staging",
    environment: "staging",
    description: "Pre-production, mirrors prod",
    owner: "platform@example.com",
  },
  {
    id: "333333333333",
    name: "production",
    environment: "prod",
    description: "Customer-facing workloads",
    owner: "sre@example.com",
  },
];

const demoRoles = [
  { name: "Developer", description: "Build and deploy application stacks", maxSessionDuration: 28_800 },
  { name: "ReadOnly", description: "View resources and logs, change nothing", maxSessionDuration: 43_200 },
  { name: "Admin", description: "Full administrative access", maxSessionDuration: 3_600 },
];

export const demoMappings: {
  group: string;
  account: string;
  role: string;
  kind?: "eligible";
  approverGroup?: string;
  maxGrantSeconds?: number;
}[] = [
  { group: "engineering", account: "111111111111", role: "Developer" },
  { group: "engineering", account: "222222222222", role: "ReadOnly" },
  { group: "engineering", account: "333333333333", role: "ReadOnly" },
  { group: "sre", account: "222222222222", role: "Admin" },
  { group: "sre", account: "333333333333", role: "Admin" },
  { group: "data-science", account: "111111111111", role: "ReadOnly" },
  // Just-in-time: engineers may request production Admin for up to four hours; SREs approve.
  {
    group: "engineering",
    account: "333333333333",
    role: "Admin",
    kind: "eligible",
    approverGroup: "sre",
    maxGrantSeconds: 4 * 3600,
  },
];

/** The admin group of the demo; demo mode passes it as AIRLOCK_ADMIN_GROUPS. */
export const demoAdminGroup = "platform-admins";

export async function seedDemo(db: Db): Promise<{ accounts: number; roles: number; mappings: number }> {
  let roles = 0;
  let mappings = 0;
  await db.$transaction(async (tx) => {
    for (const input of demoAccounts) {
      const account = accountInputSchema.parse(input);
      await tx.account.upsert({ where: { id: account.id }, create: account, update: {} });
      for (const roleInput of demoRoles) {
        const role = roleInputSchema.parse({ ...roleInput, accountId: account.id });
        await tx.role.upsert({
          where: { accountId_name: { accountId: account.id, name: role.name } },
          create: role,
          update: {},
        });
        roles += 1;
      }
    }
    for (const m of demoMappings) {
      const role = await tx.role.findUniqueOrThrow({
        where: { accountId_name: { accountId: m.account, name: m.role } },
      });
      const mapping = groupMappingInputSchema.parse({
        group: m.group,
        roleId: role.id,
        kind: m.kind,
        approverGroup: m.approverGroup,
        maxGrantSeconds: m.maxGrantSeconds,
      });
      await tx.groupMapping.upsert({
        where: { group_roleId: { group: mapping.group, roleId: role.id } },
        create: mapping,
        update: {},
      });
      mappings += 1;
    }
  });
  return { accounts: demoAccounts.length, roles, mappings };
}
