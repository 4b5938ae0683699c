import { execFileSync } from "node:child_process";
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { createHash } from "node:crypto";
import os from "node:os";
import path from "node:path";
import pg from "pg";
import { afterAll, describe, expect, it } from "vitest";
import { defaultMigrationsDir, migratePostgres, MigrationError, readMigrations } from "@/lib/db/migrate";
import { createDatabase, dropDatabase } from "@/tests/support/postgres";
import { MODEL_TABLES, testPostgresUrl } from "@/tests/support/temp-db";

const adminUrl = testPostgresUrl!;
const created: string[] = [];
const work = mkdtempSync(path.join(os.tmpdir(), "airlock-pg-migrations-"));
afterAll(async () => {
  for (const url of created) await dropDatabase(adminUrl, url);
  rmSync(work, { recursive: true, force: true });
});

async function freshDatabase(): Promise<string> {
  const url = await createDatabase(adminUrl);
  created.push(url);
  return url;
}

async function query<T extends pg.QueryResultRow>(url: string, sql: string): Promise<T[]> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query<T>(sql)).rows;
  } finally {
    await client.end();
  }
}

/** Tables, columns, indexes and constraints as PostgreSQL's catalog reports them. */
async function describeSchema(url: string) {
  const where = `table_schema = 'public' AND table_name <> '_prisma_migrations'`;
  return {
    columns: await query(
      url,
      `SELECT table_name, column_name, data_type, is_nullable, column_default, character_maximum_length, datetime_precision
       FROM information_schema.columns WHERE ${where} ORDER BY table_name, column_name`,
    ),
    indexes: await query(
      url,
      `SELECT tablename, indexname, indexdef FROM pg_indexes
       WHERE schemaname = 'public' AND tablename <> '_prisma_migrations' ORDER BY indexname`,
    ),
    constraints: await query(
      url,
      `SELECT c.conrelid::regclass::text AS table_name, c.conname, c.contype, pg_get_constraintdef(c.oid) AS definition
       FROM pg_constraint c JOIN pg_namespace n ON n.oid = c.connamespace
       WHERE n.nspname = 'public' AND c.conrelid::regclass::text <> '_prisma_migrations' ORDER BY c.conname`,
    ),
  };
}

describe("PostgreSQL migrations", () => {
  it("produce exactly the schema that the derived PostgreSQL model describes (no drift)", async () => {
    const migrated = await freshDatabase();
    await migratePostgres({ databaseUrl: migrated });

    const fromSchema = await freshDatabase();
    const script = execFileSync(
      "npx",
      [
        "prisma",
        "migrate",
        "diff",
        "--from-empty",
        "--to-schema-datamodel",
        "prisma/postgresql/schema.prisma",
        "--script",
      ],
      { encoding: "utf8", env: { ...process.env, AIRLOCK_DATA_DIR: path.join(work, "cli"), DATABASE_URL: "" } },
    );
    await query(fromSchema, script);

    const expected = await describeSchema(fromSchema);
    expect(new Set(expected.columns.map((c) => c.table_name))).toEqual(new Set(MODEL_TABLES));
    expect(await describeSchema(migrated)).toEqual(expected);
  });

  it("instances starting together migrate once: the advisory lock serialises them", async () => {
    const url = await freshDatabase();
    const results = await Promise.all(Array.from({ length: 6 }, () => migratePostgres({ databaseUrl: url })));
    const names = readMigrations(defaultMigrationsDir("postgresql")).map((m) => m.name);
    expect(results.filter((r) => r.applied.length > 0)).toEqual([{ applied: names, alreadyApplied: 0 }]);
    expect(results.filter((r) => r.applied.length === 0)).toHaveLength(5);

    const rows = await query<{ migration_name: string; checksum: string; finished_at: Date | null }>(
      url,
      `SELECT migration_name, checksum, finished_at FROM "_prisma_migrations" ORDER BY migration_name`,
    );
    expect(rows.map((r) => r.migration_name)).toEqual(names);
    for (const row of rows) {
      const sql = readFileSync(path.join(defaultMigrationsDir("postgresql"), row.migration_name, "migration.sql"));
      expect(row.checksum).toBe(createHash("sha256").update(sql).digest("hex"));
      expect(row.finished_at).toBeInstanceOf(Date);
    }
  });

  it("applies all pending migrations or none", async () => {
    const dir = path.join(work, "broken-migrations");
    cpSync(defaultMigrationsDir("postgresql"), dir, { recursive: true });
    mkdirSync(path.join(dir, "29990101000000_broken"));
    writeFileSync(
      path.join(dir, "29990101000000_broken", "migration.sql"),
      `CREATE TABLE "Extra" ("id" TEXT);\nTHIS IS NOT SQL;\n`,
    );
    const url = await freshDatabase();
    await expect(migratePostgres({ databaseUrl: url, migrationsDir: dir })).rejects.toThrow(
      /29990101000000_broken failed: .*Nothing was changed/,
    );
    const tables = await query<{ table_name: string }>(
      url,
      `SELECT table_name FROM information_schema.tables WHERE table_schema = 'public'`,
    );
    expect(tables).toEqual([]);
  });

  it("says which server it could not reach, without the password", async () => {
    const error = await migratePostgres({ databaseUrl: "postgresql://airlock:hunter2@127.0.0.1:1/airlock" }).catch(
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(MigrationError);
    expect((error as Error).message).toMatch(
      /could not connect to its PostgreSQL database at postgresql:\/\/airlock:\*\*\*@127\.0\.0\.1:1\/airlock: .*ECONNREFUSED.*Check DATABASE_URL/,
    );
    expect((error as Error).message).not.toContain("hunter2");
  });
});
