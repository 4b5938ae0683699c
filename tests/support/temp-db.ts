import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { createDb, type Db } from "@/lib/db/client";
import { migrateDatabase } from "@/lib/db/migrate";
import { createDatabase, dropDatabase } from "@/tests/support/postgres";

export type TempDb = { db: Db; databaseUrl: string; dir: string; cleanup: () => Promise<void> };

/**
 * The PostgreSQL server the suite runs against, when it does (`npm test` sets this for its
 * PostgreSQL pass); otherwise tests use SQLite files.
 */
export const testPostgresUrl = process.env.AIRLOCK_TEST_POSTGRES_URL || undefined;
export const testDatabase = testPostgresUrl ? "postgresql" : "sqlite";

/** Every table of the data model, in name order (migration tests expect exactly these). */
export const MODEL_TABLES = [
  "AccessDecision",
  "AccessRequest",
  "Account",
  "AuditEvent",
  "DeviceAuthorization",
  "Favorite",
  "GroupMapping",
  "LoginTicket",
  "RateLimit",
  "Role",
  "SamlPendingRequest",
  "SamlReplay",
  "Session",
  "User",
];

/** A fresh, empty database URL of the kind this run tests, and how to remove it. */
export async function createTempDatabaseUrl(dir: string): Promise<{ databaseUrl: string; drop: () => Promise<void> }> {
  if (!testPostgresUrl) return { databaseUrl: `file:${path.join(dir, "airlock.db")}`, drop: async () => undefined };
  const databaseUrl = await createDatabase(testPostgresUrl);
  return { databaseUrl, drop: () => dropDatabase(testPostgresUrl, databaseUrl) };
}

/** A migrated database (SQLite file, or a new PostgreSQL database) with a fresh data directory. */
export async function createTempDb(): Promise<TempDb> {
  const dir = mkdtempSync(path.join(os.tmpdir(), "airlock-test-"));
  const { databaseUrl, drop } = await createTempDatabaseUrl(dir);
  await migrateDatabase({ databaseUrl });
  const db = createDb(databaseUrl);
  return {
    db,
    databaseUrl,
    dir,
    cleanup: async () => {
      await db.$disconnect();
      await drop();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
