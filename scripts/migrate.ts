// npm run db:migrate: apply pending migrations to the configured database.
import { migrateDatabase } from "@/lib/db/migrate";
import { loadDatabaseEnv } from "@/lib/env";
import { runScript } from "@/scripts/run-script";

runScript(async () => {
  const result = await migrateDatabase({ databaseUrl: loadDatabaseEnv().databaseUrl });
  console.log(
    result.applied.length
      ? `Applied ${result.applied.join(", ")}.`
      : `Database is up to date (${result.alreadyApplied} migrations).`,
  );
});
