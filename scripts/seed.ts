// npm run db:seed: migrate the configured database and load the demo entitlements.
import { getDb } from "@/lib/db/client";
import { migrateDatabase } from "@/lib/db/migrate";
import { getEnv } from "@/lib/env";
import { seedDemo } from "@/prisma/seed";
import { runScript } from "@/scripts/run-script";

// Demo data goes with demo mode: no secret is needed to load it.
process.env.AIRLOCK_DEMO ??= "true";

runScript(async () => {
  const env = getEnv();
  await migrateDatabase({ databaseUrl: env.databaseUrl });
  const counts = await seedDemo(getDb());
  console.log(`Seeded ${counts.accounts} accounts, ${counts.roles} roles and ${counts.mappings} group mappings.`);
  await getDb().$disconnect();
});
