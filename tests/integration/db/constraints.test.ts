import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { AppError } from "@/lib/errors";
import { checkDatabase } from "@/lib/db/health";
import { createDb } from "@/lib/db/client";
import { createAccount, createGroupMapping, createRole } from "@/lib/entitlements/store";
import { listEntitlementsForGroups } from "@/lib/entitlements/list-access";
import { seedDemo } from "@/prisma/seed";
import { createTempDb, type TempDb } from "@/tests/support/temp-db";

let temp: TempDb;
beforeAll(async () => {
  temp = await createTempDb();
});
afterAll(() => temp.cleanup());

async function rejectionOf(promise: Promise<unknown>): Promise<AppError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(AppError);
  return error as AppError;
}

describe("data layer constraints", () => {
  it("refuses an 11-digit account id with a clear message, and saves nothing", async () => {
    const error = await rejectionOf(
      createAccount({ db: temp.db, input: { id: "12345678901", name: "short", environment: "dev" } }),
    );
    expect(error.code).toBe("invalid_input");
    expect(error.message).toBe("An AWS account id is exactly 12 digits, for example 123456789012.");
    // The admin form shows the problem beside the field it names.
    expect(error.details?.fieldErrors).toEqual({
      id: "An AWS account id is exactly 12 digits, for example 123456789012.",
    });
    expect(await temp.db.account.count({ where: { name: "short" } })).toBe(0);
  });

  it("refuses a role for a missing account, in the data layer and in the database", async () => {
    const error = await rejectionOf(createRole({ db: temp.db, input: { accountId: "999999999999", name: "Ghost" } }));
    expect(error.code).toBe("invalid_input");
    expect(error.message).toBe("There is no account 999999999999; add the account before its roles.");
    // The foreign key holds even for a caller that skips the data layer.
    await expect(temp.db.role.create({ data: { accountId: "999999999999", name: "Ghost" } })).rejects.toMatchObject({
      code: "P2003",
    });
  });

  it("refuses a duplicate mapping and a duplicate role name", async () => {
    await createAccount({ db: temp.db, input: { id: "123456789012", name: "dup-test", environment: "dev" } });
    const role = await createRole({
      db: temp.db,
      input: { accountId: "123456789012", name: "Developer", path: "/team/" },
    });
    await createGroupMapping({ db: temp.db, input: { group: "engineering", roleId: role.id } });

    const duplicate = await rejectionOf(
      createGroupMapping({ db: temp.db, input: { group: "engineering", roleId: role.id } }),
    );
    expect(duplicate.code).toBe("conflict");
    expect(duplicate.message).toBe(
      'Group "engineering" is already mapped to that role (standing or eligible); unmap it first to change how.',
    );
    await expect(
      temp.db.groupMapping.create({ data: { group: "engineering", roleId: role.id } }),
    ).rejects.toMatchObject({ code: "P2002" });

    // IAM role names are unique per account whatever their path.
    const sameName = await rejectionOf(
      createRole({ db: temp.db, input: { accountId: "123456789012", name: "Developer", path: "/other/" } }),
    );
    expect(sameName.message).toBe("Account 123456789012 already has a role named Developer.");

    const missingRole = await rejectionOf(
      createGroupMapping({ db: temp.db, input: { group: "sre", roleId: "no-such-role" } }),
    );
    expect(missingRole.message).toContain("That role does not exist");
  });

  it("deletes an account's roles and mappings with it, and keeps the audit trail", async () => {
    await temp.db.auditEvent.create({
      data: { action: "admin.account.create", outcome: "success", accountId: "123456789012" },
    });
    await temp.db.account.delete({ where: { id: "123456789012" } });
    expect(await temp.db.role.count({ where: { accountId: "123456789012" } })).toBe(0);
    expect(await temp.db.groupMapping.count({ where: { group: "engineering" } })).toBe(0);
    expect(await temp.db.auditEvent.count({ where: { accountId: "123456789012" } })).toBe(1);
  });
});

describe("demo seed and entitlement lookup", () => {
  it("seeds idempotently and resolves each group's roles", async () => {
    const first = await seedDemo(temp.db);
    await seedDemo(temp.db);
    expect(first).toEqual({ accounts: 3, roles: 9, mappings: 7 });
    expect(await temp.db.account.count()).toBe(3);
    expect(await temp.db.groupMapping.count()).toBe(7);

    const names = async (groups: string[]) =>
      (await listEntitlementsForGroups({ db: temp.db, groups })).map((e) => `${e.account.name}/${e.roleName}`);
    expect(await names(["engineering"])).toEqual(["production/ReadOnly", "sandbox/Developer", "staging/ReadOnly"]);
    expect(await names(["sre"])).toEqual(["production/Admin", "staging/Admin"]);
    expect(await names(["data-science"])).toEqual(["sandbox/ReadOnly"]);
    expect(await names(["platform-admins"])).toEqual([]);
    expect(await names([])).toEqual([]);
    const both = await listEntitlementsForGroups({ db: temp.db, groups: ["engineering", "sre"] });
    expect(both).toHaveLength(5);
    expect(both.find((e) => e.account.id === "333333333333" && e.roleName === "Admin")).toMatchObject({
      account: { environment: "prod" },
      maxSessionDuration: 3600,
      viaGroups: ["sre"],
    });
  });

  it("applies a mapping's duration cap, never above the role's maximum", async () => {
    const role = await temp.db.role.findUniqueOrThrow({
      where: { accountId_name: { accountId: "222222222222", name: "ReadOnly" } },
    });
    await createGroupMapping({
      db: temp.db,
      input: { group: "contractors", roleId: role.id, maxDurationSeconds: 1800 },
    });
    const [entitlement] = await listEntitlementsForGroups({ db: temp.db, groups: ["contractors"] });
    expect(entitlement.allowedSessionDuration).toBe(1800);
    const [viaBoth] = await listEntitlementsForGroups({ db: temp.db, groups: ["contractors", "engineering"] }).then(
      (list) => list.filter((e) => e.roleId === role.id),
    );
    expect(viaBoth.allowedSessionDuration).toBe(role.maxSessionDuration);
  });
});

describe("checkDatabase", () => {
  it("reports ok for a working database and a reason for one that cannot answer", async () => {
    expect(await checkDatabase({ db: temp.db })).toEqual({ ok: true });
    const broken = createDb("file:/nonexistent-dir/for/airlock.db");
    const result = await checkDatabase({ db: broken });
    expect(result.ok).toBe(false);
    expect(result).toMatchObject({ reason: expect.stringContaining("database unavailable") });
  });
});
