import type { Db } from "@/lib/db/client";

/**
 * A large entitlement set for scale tests and benchmarks: `accounts` accounts with `roles` roles in
 * all, every role mapped to `group`. Idempotent.
 */
export async function seedLargeDataset(
  db: Db,
  { accounts = 300, roles = 2000, group = "load-test" } = {},
): Promise<{ accounts: number; roles: number }> {
  const environments = ["prod", "staging", "dev", "sandbox"];
  const roleNames = ["Admin", "Developer", "ReadOnly", "Billing", "Deploy", "Support", "Audit"];
  await db.$transaction(async (tx) => {
    for (let a = 0; a < accounts; a += 1) {
      const id = String(900_000_000_000 + a);
      await tx.account.upsert({
        where: { id },
        create: { id, name: `acct-${String(a).padStart(4, "0")}`, environment: environments[a % environments.length] },
        update: {},
      });
    }
    for (let r = 0; r < roles; r += 1) {
      const accountId = String(900_000_000_000 + (r % accounts));
      const name = `${roleNames[r % roleNames.length]}-${String(r).padStart(4, "0")}`;
      const role = await tx.role.upsert({
        where: { accountId_name: { accountId, name } },
        create: { accountId, name, description: `Scale-test role ${r}` },
        update: {},
        select: { id: true },
      });
      await tx.groupMapping.upsert({
        where: { group_roleId: { group, roleId: role.id } },
        create: { group, roleId: role.id },
        update: {},
      });
    }
  });
  return { accounts, roles };
}
