// npm run db:migrate: apply pending migrations to the configured database.
import { migrateSqlite } from "@/lib/db/migrate";
import { getEnv } from "@/lib/env";
import { runScript } from "@/scripts/run-script";

runScript(async () => {
  const result = migrateSqlite({ databaseUrl: getEnv().databaseUrl });
  console.log(
    result.applied.length
      ? `Applied ${result.applied.join(", ")}.`
      : `Database is up to date (${result.alreadyApplied} migrations).`,
  );
});
