import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Partition } from "@/lib/entitlements/schemas";
import { createGroupMapping } from "@/lib/entitlements/store";
import { listEntitlementsForGroups } from "@/lib/entitlements/list-access";
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
  const admin = await role("333333333333", "Admin");
  for (const [group, roleId, maxDurationSeconds] of [
    ["contractors", readOnly.id, 1800],
    ["contractors", admin.id, 43_200],
    ["auditors", readOnly.id, 900],
  ] as const)
    await createGroupMapping({ db: temp.db, input: { group, roleId, maxDurationSeconds } });
});
afterAll(() => temp.cleanup());

/** The same answer through the ORM's nested select: the reference the joined query must match. */
async function throughOrm(groups: string[]) {
  const mappings = await temp.db.groupMapping.findMany({
    // Standing mappings give roles; eligible ones only let people request them.
    where: { group: { in: groups }, kind: "standing" },
    orderBy: { group: "asc" },
    select: {
      group: true,
      maxDurationSeconds: true,
      role: {
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
          account: { select: { id: true, name: true, environment: true, partition: true, description: true } },
        },
      },
    },
  });
  const byRole = new Map<string, Awaited<ReturnType<typeof listEntitlementsForGroups>>[number]>();
  for (const { group, maxDurationSeconds, role } of mappings) {
    const roleLimit = Math.min(role.sessionDurationLimit ?? role.maxSessionDuration, role.maxSessionDuration);
    const cap = Math.min(maxDurationSeconds ?? roleLimit, roleLimit);
    const existing = byRole.get(role.id);
    if (existing) {
      existing.viaGroups.push(group);
      existing.allowedSessionDuration = Math.max(existing.allowedSessionDuration, cap);
      existing.defaultSessionDuration = Math.min(role.defaultSessionDuration ?? 3600, existing.allowedSessionDuration);
    } else
      byRole.set(role.id, {
        roleId: role.id,
        roleName: role.name,
        rolePath: role.path,
        roleDescription: role.description,
        maxSessionDuration: role.maxSessionDuration,
        allowedSessionDuration: cap,
        defaultSessionDuration: Math.min(role.defaultSessionDuration ?? 3600, cap),
        requireReason: role.requireReason,
        readOnlyFirst: role.readOnlyFirst,
        stepUpMinutes: null,
        samlProviderName: role.samlProviderName,
        account: { ...role.account, partition: role.account.partition as Partition },
        viaGroups: [group],
        standing: true,
        grant: null,
      });
  }
  return [...byRole.values()].sort(
    (a, b) => a.account.name.localeCompare(b.account.name) || a.roleName.localeCompare(b.roleName),
  );
}

describe("listEntitlementsForGroups", () => {
  it.each([
    [["engineering"]],
    [["engineering", "sre", "data-science"]],
    [["contractors"]],
    [["contractors", "auditors"]],
    [["auditors", "engineering", "load"]],
    [["nobody-maps-this"]],
  ])("answers %j as the ORM's nested select does, in the same order", async (groups) => {
    const listed = await listEntitlementsForGroups({ db: temp.db, groups });
    expect(listed.length).toBeGreaterThanOrEqual(groups.includes("nobody-maps-this") ? 0 : 1);
    expect(listed).toEqual(await throughOrm(groups));
  });

  it("grants the longest cap among the groups, never above the role's maximum, naming every group", async () => {
    const listed = await listEntitlementsForGroups({ db: temp.db, groups: ["contractors", "auditors"] });
    expect(listed.map((e) => [e.account.name, e.roleName, e.allowedSessionDuration, e.viaGroups])).toEqual([
      ["production", "Admin", 3600, ["contractors"]],
      ["staging", "ReadOnly", 1800, ["auditors", "contractors"]],
    ]);
    expect(await listEntitlementsForGroups({ db: temp.db, groups: [] })).toEqual([]);
  });
});
