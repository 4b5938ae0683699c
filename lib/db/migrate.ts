import "server-only";
import { createHash, randomUUID } from "node:crypto";
import { mkdirSync, readdirSync, readFileSync, existsSync } from "node:fs";
import path from "node:path";
import Database from "better-sqlite3";
import { log } from "@/lib/log";

/**
 * Applies the checked-in migrations, keeping Prisma's own `_prisma_migrations` bookkeeping (same
 * table, SHA-256 checksums of migration.sql) so `prisma migrate status` agrees. Prisma's CLI
 * cannot apply migrations everywhere Airlock runs (see DESIGN.md "Data"), so Airlock does it.
 */

export type Migration = { name: string; sql: string; checksum: string };
export type MigrationResult = { applied: string[]; alreadyApplied: number };

export class MigrationError extends Error {
  override name = "MigrationError";
}

const bookkeepingTable = `CREATE TABLE IF NOT EXISTS "_prisma_migrations" (
    "id"                    TEXT PRIMARY KEY NOT NULL,
    "checksum"              TEXT NOT NULL,
    "finished_at"           DATETIME,
    "migration_name"        TEXT NOT NULL,
    "logs"                  TEXT,
    "rolled_back_at"        DATETIME,
    "started_at"            DATETIME NOT NULL DEFAULT current_timestamp,
    "applied_steps_count"   INTEGER UNSIGNED NOT NULL DEFAULT 0
)`;

export function defaultMigrationsDir(provider: "sqlite" = "sqlite"): string {
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

export function sqliteFilePath(databaseUrl: string): string {
  return databaseUrl.replace(/^file:/, "").replace(/\?.*$/, "");
}

type AppliedRow = {
  migration_name: string;
  checksum: string;
  finished_at: string | null;
  rolled_back_at: string | null;
};

/**
 * Brings a SQLite database up to date. Runs under `BEGIN IMMEDIATE`, so two processes starting
 * together serialise: the second finds the work done. All pending migrations apply or none does.
 */
export function migrateSqlite({
  databaseUrl,
  migrationsDir = defaultMigrationsDir(),
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
      db.exec(bookkeepingTable);
      const rows = db
        .prepare(`SELECT migration_name, checksum, finished_at, rolled_back_at FROM "_prisma_migrations"`)
        .all() as AppliedRow[];
      const failed = rows.find((row) => !row.finished_at && !row.rolled_back_at);
      if (failed) {
        throw new MigrationError(
          `Migration ${failed.migration_name} failed earlier and left the database half-migrated; restore a backup or resolve it with "prisma migrate resolve", then start again.`,
        );
      }
      const applied = new Map(
        rows.filter((r) => r.finished_at && !r.rolled_back_at).map((r) => [r.migration_name, r.checksum]),
      );
      const pending = migrations.filter((m) => !applied.has(m.name));
      for (const m of migrations) {
        const checksum = applied.get(m.name);
        if (checksum && checksum !== m.checksum)
          log.warn("migration_modified", {
            migration: m.name,
            hint: "the migration file changed after it was applied",
          });
      }
      const insert = db.prepare(
        `INSERT INTO "_prisma_migrations" (id, checksum, migration_name, started_at, finished_at, applied_steps_count) VALUES (?, ?, ?, ?, ?, 1)`,
      );
      for (const m of pending) {
        const startedAt = new Date().toISOString();
        try {
          db.exec(m.sql);
        } catch (error) {
          throw new MigrationError(`Migration ${m.name} failed: ${(error as Error).message}. Nothing was changed.`);
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
      return { applied: pending.map((m) => m.name), alreadyApplied: applied.size };
    } catch (error) {
      db.exec("ROLLBACK");
      throw error;
    }
  } finally {
    db.pragma("foreign_keys = ON");
    db.close();
  }
}
