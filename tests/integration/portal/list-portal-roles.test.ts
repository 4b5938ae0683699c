import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createGroupMapping, listEntitlementsForGroups } from "@/lib/entitlements/store";
import { listPortalRoles } from "@/lib/portal/list-portal-roles";
import { seedDemo } from "@/prisma/seed";
import { seedLargeDataset } from "@/prisma/seed-large";
import { createTempDb, type TempDb } from "@/tests/support/temp-db";

let temp: TempDb;
beforeAll(async () => {
  temp = await createTempDb();
  await seedDemo(temp.db);
  await seedLargeDataset(temp.db, { accounts: 30, roles: 200, group: "load" });
  // Caps: one mapping shorter than the role's maximum, one longer (the maximum wins), and a role
  // reached through two groups with different caps (the longer cap wins).
  const role = (accountId: string, name: string) =>
    temp.db.role.findUniqueOrThrow({ where: { accountId_name: { accountId, name } } });
  const readOnly = await role("222222222222", "ReadOnly");
  await createGroupMapping({
    db: temp.db,
    input: { group: "contractors", roleId: readOnly.id, maxDurationSeconds: 1800 },
  });
  const admin = await role("333333333333", "Admin");
  await createGroupMapping({
    db: temp.db,
    input: { group: "contractors", roleId: admin.id, maxDurationSeconds: 99_999 },
  });
  await createGroupMapping({ db: temp.db, input: { group: "auditors", roleId: readOnly.id, maxDurationSeconds: 900 } });
});
afterAll(() => temp.cleanup());

/** What the home page listed before: the entitlement store's answer, in the portal's shape. */
async function expected(groups: string[]) {
  return (await listEntitlementsForGroups({ db: temp.db, groups })).map((e) => ({
    roleId: e.roleId,
    roleName: e.roleName,
    description: e.roleDescription,
    maxSessionDuration: e.maxSessionDuration,
    allowedSessionDuration: e.allowedSessionDuration,
    accountId: e.account.id,
    accountName: e.account.name,
    environment: e.account.environment,
  }));
}

describe("listPortalRoles", () => {
  it.each([
    [["engineering"]],
    [["engineering", "sre", "data-science"]],
    [["contractors"]],
    [["contractors", "auditors"]],
    [["auditors", "engineering", "load"]],
    [["nobody-maps-this"]],
    [[]],
  ])("lists what the entitlement store lists for %j, in the same order", async (groups) => {
    expect(await listPortalRoles({ db: temp.db, groups })).toEqual(await expected(groups));
  });

  it("applies the longest cap among the person's groups, never above the role's maximum", async () => {
    const roles = await listPortalRoles({ db: temp.db, groups: ["contractors", "auditors"] });
    expect(roles.map((r) => [r.accountName, r.roleName, r.allowedSessionDuration])).toEqual([
      ["production", "Admin", 3600],
      ["staging", "ReadOnly", 1800],
    ]);
  });
});
