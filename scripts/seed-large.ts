// npm run db:seed-large: 2,000 roles in 300 accounts for group load-test (demo person dave@example.com).
import { getDb } from "@/lib/db/client";
import { migrateDatabase } from "@/lib/db/migrate";
import { getEnv } from "@/lib/env";
import { seedLargeDataset } from "@/prisma/seed-large";
import { runScript } from "@/scripts/run-script";

// Demo data goes with demo mode: no secret is needed to load it.
process.env.AIRLOCK_DEMO ??= "true";

runScript(async () => {
  await migrateDatabase({ databaseUrl: getEnv().databaseUrl });
  const counts = await seedLargeDataset(getDb());
  console.log(`Seeded ${counts.roles} roles in ${counts.accounts} accounts for group load-test.`);
  await getDb().$disconnect();
});
