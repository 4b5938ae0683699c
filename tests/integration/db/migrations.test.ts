import { execFileSync } from "node:child_process";
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { createHash } from "node:crypto";
import os from "node:os";
import path from "node:path";
import Database from "better-sqlite3";
import { afterAll, describe, expect, it } from "vitest";
import { defaultMigrationsDir, migrateSqlite, MigrationError, readMigrations } from "@/lib/db/migrate";
import { MODEL_TABLES } from "@/tests/support/temp-db";

const work = mkdtempSync(path.join(os.tmpdir(), "airlock-migrations-"));
afterAll(() => rmSync(work, { recursive: true, force: true }));

type SchemaShape = Record<string, unknown>;

/** Tables, columns, indexes and foreign keys as SQLite reports them, ignoring formatting. */
function describeSchema(file: string): SchemaShape {
  const db = new Database(file, { readonly: true });
  try {
    const tables = (
      db
        .prepare(
          `SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND name <> '_prisma_migrations' ORDER BY name`,
        )
        .all() as { name: string }[]
    ).map((t) => t.name);
    const shape: SchemaShape = {};
    for (const table of tables) {
      const indexes = (db.pragma(`index_list("${table}")`) as { name: string; unique: number }[])
        .map((index) => ({
          name: index.name,
          unique: index.unique,
          columns: (db.pragma(`index_info("${index.name}")`) as { name: string }[]).map((c) => c.name),
        }))
        .sort((a, b) => a.name.localeCompare(b.name));
      shape[table] = {
        columns: db.pragma(`table_info("${table}")`),
        indexes,
        foreignKeys: db.pragma(`foreign_key_list("${table}")`),
      };
    }
    return shape;
  } finally {
    db.close();
  }
}

function prisma(args: string[], dataDir: string): string {
  return execFileSync("npx", ["prisma", ...args], {
    encoding: "utf8",
    env: { ...process.env, AIRLOCK_DATA_DIR: dataDir, DATABASE_URL: "" },
    stdio: ["ignore", "pipe", "pipe"],
  });
}

describe("migrations", () => {
  it("produce exactly the schema that prisma/schema.prisma describes (no drift)", () => {
    const migrated = path.join(work, "migrated.db");
    migrateSqlite({ databaseUrl: `file:${migrated}` });

    const fromSchema = path.join(work, "from-schema.db");
    const script = prisma(
      ["migrate", "diff", "--from-empty", "--to-schema-datamodel", "prisma/schema.prisma", "--script"],
      path.join(work, "cli"),
    );
    const db = new Database(fromSchema);
    db.exec(script);
    db.close();

    const expected = describeSchema(fromSchema);
    expect(Object.keys(expected)).toEqual(MODEL_TABLES);
    expect(describeSchema(migrated)).toEqual(expected);
  });

  it("keeps Prisma's bookkeeping, so prisma migrate status agrees", () => {
    const dataDir = path.join(work, "status");
    mkdirSync(dataDir);
    const databaseUrl = `file:${path.join(dataDir, "airlock.db")}`;
    expect(migrateSqlite({ databaseUrl }).applied).toEqual(readMigrations(defaultMigrationsDir()).map((m) => m.name));

    const db = new Database(path.join(dataDir, "airlock.db"), { readonly: true });
    const rows = db
      .prepare(`SELECT migration_name, checksum, finished_at, applied_steps_count FROM _prisma_migrations`)
      .all() as { migration_name: string; checksum: string; finished_at: string; applied_steps_count: number }[];
    db.close();
    for (const row of rows) {
      const sql = readFileSync(path.join(defaultMigrationsDir(), row.migration_name, "migration.sql"));
      expect(row.checksum).toBe(createHash("sha256").update(sql).digest("hex"));
      expect(row.finished_at).toBeTruthy();
      expect(row.applied_steps_count).toBe(1);
    }
    expect(prisma(["migrate", "status"], dataDir)).toContain("Database schema is up to date!");
    expect(migrateSqlite({ databaseUrl })).toEqual({ applied: [], alreadyApplied: rows.length });
  });

  it("applies all pending migrations or none", () => {
    const dir = path.join(work, "broken-migrations");
    cpSync(defaultMigrationsDir(), dir, { recursive: true });
    mkdirSync(path.join(dir, "29990101000000_broken"));
    writeFileSync(
      path.join(dir, "29990101000000_broken", "migration.sql"),
      `CREATE TABLE "Extra" ("id" TEXT);\nTHIS IS NOT SQL;\n`,
    );
    const file = path.join(work, "broken.db");

    expect(() => migrateSqlite({ databaseUrl: `file:${file}`, migrationsDir: dir })).toThrow(MigrationError);
    expect(() => migrateSqlite({ databaseUrl: `file:${file}`, migrationsDir: dir })).toThrow(
      /29990101000000_broken failed: .*Nothing was changed/,
    );
    const db = new Database(file, { readonly: true });
    const tables = db.prepare(`SELECT name FROM sqlite_master WHERE type = 'table'`).all() as { name: string }[];
    db.close();
    expect(tables.map((t) => t.name)).not.toContain("Account");
    expect(tables.map((t) => t.name)).not.toContain("Extra");
  });
});
