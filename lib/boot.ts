import "server-only";
import { migrateSqlite, MigrationError } from "@/lib/db/migrate";
import { ConfigError, getEnv } from "@/lib/env";
import { log } from "@/lib/log";

/**
 * Start-up: a bad setting or a failed migration prints one clear line and stops the process
 * with a non-zero status, instead of serving errors later.
 */
export function bootServer(): void {
  try {
    const env = getEnv();
    const result = migrateSqlite({ databaseUrl: env.databaseUrl });
    log.info("airlock_started", {
      url: env.AIRLOCK_URL,
      dataDir: env.dataDir,
      demo: env.AIRLOCK_DEMO,
      migrationsApplied: result.applied.length,
    });
  } catch (error) {
    if (error instanceof ConfigError || error instanceof MigrationError) {
      console.error(error.message);
    } else {
      console.error(`Airlock could not start: ${(error as Error).message}`);
    }
    process.exit(1);
  }
}
