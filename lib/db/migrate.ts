import "server-only";
import { createHash, randomUUID } from "node:crypto";
import { mkdirSync, readdirSync, readFileSync, existsSync } from "node:fs";
import path from "node:path";
import Database from "better-sqlite3";
import pg from "pg";
import { databaseProvider, redactDatabaseUrl, sqliteFilePath, type DatabaseProvider } from "@/lib/db/provider";
import { log } from "@/lib/log";

/**
 * Applies the checked-in migrations, keeping Prisma's own `_prisma_migrations` bookkeeping (same
 * table, SHA-256 checksums of migration.sql) so `prisma migrate status` agrees. Prisma's CLI
 * cannot apply migrations everywhere Airlock runs (see the README's "Data and migrations"), so Airlock does it.
 */

export type Migration = { name: string; sql: string; checksum: string };
export type MigrationResult = { applied: string[]; alreadyApplied: number };

export class MigrationError extends Error {
  override name = "MigrationError";
}

// Prisma's own bookkeeping table, as its migrate engine creates it on each provider.
const bookkeepingTable = {
  sqlite: `CREATE TABLE IF NOT EXISTS "_prisma_migrations" (
    "id"                    TEXT PRIMARY KEY NOT NULL,
    "checksum"              TEXT NOT NULL,
    "finished_at"           DATETIME,
    "migration_name"        TEXT NOT NULL,
    "logs"                  TEXT,
    "rolled_back_at"        DATETIME,
    "started_at"            DATETIME NOT NULL DEFAULT current_timestamp,
    "applied_steps_count"   INTEGER UNSIGNED NOT NULL DEFAULT 0
)`,
  postgresql: `CREATE TABLE IF NOT EXISTS "_prisma_migrations" (
    "id"                    VARCHAR(36) PRIMARY KEY NOT NULL,
    "checksum"              VARCHAR(64) NOT NULL,
    "finished_at"           TIMESTAMPTZ,
    "migration_name"        VARCHAR(255) NOT NULL,
    "logs"                  TEXT,
    "rolled_back_at"        TIMESTAMPTZ,
    "started_at"            TIMESTAMPTZ NOT NULL DEFAULT now(),
    "applied_steps_count"   INTEGER NOT NULL DEFAULT 0
)`,
};

export function defaultMigrationsDir(provider: DatabaseProvider = "sqlite"): string {
  return path.join(process.cwd(), "prisma", "migrations", provider);
}

/** Reads `<dir>/<timestamp>_<name>/migration.sql` folders in name order. */
export function readMigrations(dir: string): Migration[] {
  if (!existsSync(dir))
    throw new MigrationError(`No migrations folder at ${dir}; run Airlock from its installation directory.`);
  return readdirSync(dir, { withFileTypes: true })
    .filter((entry) => entry.isDirectory() && existsSync(path.join(dir, entry.name, "migration.sql")))
    .map((entry) => entry.name)
    .sort()
    .map((name) => {
      const sql = readFileSync(path.join(dir, name, "migration.sql"), "utf8");
      return { name, sql, checksum: createHash("sha256").update(sql).digest("hex") };
    });
}

type AppliedRow = {
  migration_name: string;
  checksum: string;
  finished_at: unknown;
  rolled_back_at: unknown;
};

/** Which migrations still have to run, given the bookkeeping rows; refuses a half-migrated database. */
function pendingMigrations(migrations: Migration[], rows: AppliedRow[]): { pending: Migration[]; applied: number } {
  const failed = rows.find((row) => !row.finished_at && !row.rolled_back_at);
  if (failed) {
    throw new MigrationError(
      `Migration ${failed.migration_name} failed earlier and left the database half-migrated; restore a backup or resolve it with "prisma migrate resolve", then start again.`,
    );
  }
  const applied = new Map(
    rows.filter((r) => r.finished_at && !r.rolled_back_at).map((r) => [r.migration_name, r.checksum]),
  );
  for (const m of migrations) {
    const checksum = applied.get(m.name);
    if (checksum && checksum !== m.checksum)
      log.warn("migration_modified", { migration: m.name, hint: "the migration file changed after it was applied" });
  }
  return { pending: migrations.filter((m) => !applied.has(m.name)), applied: applied.size };
}

function failedMigration(m: Migration, error: unknown): MigrationError {
  return new MigrationError(`Migration ${m.name} failed: ${(error as Error).message}. Nothing was changed.`);
}

const insertBookkeeping = `INSERT INTO "_prisma_migrations" (id, checksum, migration_name, started_at, finished_at, applied_steps_count)`;

/** Brings the database at `databaseUrl` up to date, whichever provider it is. */
export async function migrateDatabase({
  databaseUrl,
  migrationsDir,
}: {
  databaseUrl: string;
  migrationsDir?: string;
}): Promise<MigrationResult> {
  return databaseProvider(databaseUrl) === "postgresql"
    ? migratePostgres({ databaseUrl, migrationsDir })
    : migrateSqlite({ databaseUrl, migrationsDir });
}

/**
 * Brings a SQLite database up to date. Runs under `BEGIN IMMEDIATE`, so two processes starting
 * together serialise: the second finds the work done. All pending migrations apply or none does.
 */
export function migrateSqlite({
  databaseUrl,
  migrationsDir = defaultMigrationsDir("sqlite"),
}: {
  databaseUrl: string;
  migrationsDir?: string;
}): MigrationResult {
  const file = sqliteFilePath(databaseUrl);
  if (file !== ":memory:") mkdirSync(path.dirname(path.resolve(file)), { recursive: true });
  const migrations = readMigrations(migrationsDir);
  const db = new Database(file, { timeout: 15_000 });
  try {
    db.pragma("journal_mode = WAL");
    // Table redefinitions in Prisma's SQLite migrations need foreign keys off; the check below
    // makes sure none was left dangling before the transaction commits.
    db.pragma("foreign_keys = OFF");
    db.exec("BEGIN IMMEDIATE");
    try {
      db.exec(bookkeepingTable.sqlite);
      const rows = db
        .prepare(`SELECT migration_name, checksum, finished_at, rolled_back_at FROM "_prisma_migrations"`)
        .all() as AppliedRow[];
      const { pending, applied } = pendingMigrations(migrations, rows);
      const insert = db.prepare(`${insertBookkeeping} VALUES (?, ?, ?, ?, ?, 1)`);
      for (const m of pending) {
        const startedAt = new Date().toISOString();
        try {
          db.exec(m.sql);
        } catch (error) {
          throw failedMigration(m, error);
        }
        insert.run(randomUUID(), m.checksum, m.name, startedAt, new Date().toISOString());
      }
      const violations = db.pragma("foreign_key_check") as unknown[];
      if (violations.length)
        throw new MigrationError(
          `Migrations would leave ${violations.length} rows with broken references. Nothing was changed.`,
        );
      db.exec("COMMIT");
      if (pending.length) log.info("migrations_applied", { migrations: pending.map((m) => m.name) });
      return { applied: pending.map((m) => m.name), alreadyApplied: applied };
    } catch (error) {
      db.exec("ROLLBACK");
      throw error;
    }
  } finally {
    db.pragma("foreign_keys = ON");
    db.close();
  }
}

/** Any constant will do: every Airlock instance takes the same lock before migrating. */
const migrationLockKey = 7_316_827_126_541;

/**
 * Brings a PostgreSQL database up to date under a transaction-scoped advisory lock, so instances
 * starting together serialise and the later ones find the work done. PostgreSQL's DDL is
 * transactional: all pending migrations apply or none does.
 */
export async function migratePostgres({
  databaseUrl,
  migrationsDir = defaultMigrationsDir("postgresql"),
}: {
  databaseUrl: string;
  migrationsDir?: string;
}): Promise<MigrationResult> {
  const migrations = readMigrations(migrationsDir);
  const client = new pg.Client({ connectionString: databaseUrl, connectionTimeoutMillis: 15_000 });
  try {
    await client.connect();
  } catch (error) {
    throw new MigrationError(
      `Airlock could not connect to its PostgreSQL database at ${redactDatabaseUrl(databaseUrl)}: ${(error as Error).message}. Check DATABASE_URL and that the server is running and reachable.`,
    );
  }
  try {
    await client.query("BEGIN");
    try {
      await client.query(`SELECT pg_advisory_xact_lock(${migrationLockKey})`);
      await client.query(bookkeepingTable.postgresql);
      const { rows } = await client.query<AppliedRow>(
        `SELECT migration_name, checksum, finished_at, rolled_back_at FROM "_prisma_migrations"`,
      );
      const { pending, applied } = pendingMigrations(migrations, rows);
      for (const m of pending) {
        const startedAt = new Date();
        try {
          await client.query(m.sql);
        } catch (error) {
          throw failedMigration(m, error);
        }
        await client.query(`${insertBookkeeping} VALUES ($1, $2, $3, $4, $5, 1)`, [
          randomUUID(),
          m.checksum,
          m.name,
          startedAt,
          new Date(),
        ]);
      }
      await client.query("COMMIT");
      if (pending.length) log.info("migrations_applied", { migrations: pending.map((m) => m.name) });
      return { applied: pending.map((m) => m.name), alreadyApplied: applied };
    } catch (error) {
      await client.query("ROLLBACK").catch(() => undefined);
      if (error instanceof MigrationError) throw error;
      throw new MigrationError(
        `Migrating the PostgreSQL database failed: ${(error as Error).message}. Nothing was changed.`,
      );
    }
  } finally {
    await client.end().catch(() => undefined);
  }
}
