import type { Db } from "@/lib/db/client";

/**
 * A large entitlement set for scale tests and benchmarks: `accounts` accounts with `roles` roles in
 * all, every role mapped to `group`. Idempotent; writes in batches, so it is quick on PostgreSQL too.
 */
export async function seedLargeDataset(
  db: Db,
  { accounts = 300, roles = 2000, group = "load-test" } = {},
): Promise<{ accounts: number; roles: number }> {
  const environments = ["prod", "staging", "dev", "sandbox"];
  const roleNames = ["Admin", "Developer", "ReadOnly", "Billing", "Deploy", "Support", "Audit"];
  const accountRows = Array.from({ length: accounts }, (_, a) => ({
    id: String(900_000_000_000 + a),
    name: `acct-${String(a).padStart(4, "0")}`,
    environment: environments[a % environments.length],
  }));
  const roleRows = Array.from({ length: roles }, (_, r) => ({
    id: `scale-role-${r}`,
    accountId: accountRows[r % accounts].id,
    name: `${roleNames[r % roleNames.length]}-${String(r).padStart(4, "0")}`,
    description: `Scale-test role ${r}`,
  }));
  await db.$transaction(
    async (tx) => {
      // Range filters, not IN lists: SQLite caps the number of bound parameters.
      const inRange = { gte: accountRows[0].id, lte: accountRows[accounts - 1].id };
      const haveAccounts = new Set(
        (await tx.account.findMany({ where: { id: inRange }, select: { id: true } })).map((a) => a.id),
      );
      await tx.account.createMany({ data: accountRows.filter((a) => !haveAccounts.has(a.id)) });

      const existingRoles = await tx.role.findMany({
        where: { accountId: inRange },
        select: { id: true, accountId: true, name: true },
      });
      const roleIds = new Map(existingRoles.map((r) => [`${r.accountId}/${r.name}`, r.id]));
      const newRoles = roleRows.filter((r) => !roleIds.has(`${r.accountId}/${r.name}`));
      await tx.role.createMany({ data: newRoles });
      for (const r of newRoles) roleIds.set(`${r.accountId}/${r.name}`, r.id);

      const wanted = roleRows.map((r) => roleIds.get(`${r.accountId}/${r.name}`)!);
      const mapped = new Set(
        (await tx.groupMapping.findMany({ where: { group }, select: { roleId: true } })).map((m) => m.roleId),
      );
      await tx.groupMapping.createMany({
        data: wanted.filter((roleId) => !mapped.has(roleId)).map((roleId) => ({ group, roleId })),
      });
    },
    { timeout: 60_000 },
  );
  return { accounts, roles };
}
