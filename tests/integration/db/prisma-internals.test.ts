import { readFileSync } from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { driverAdapterOf } from "@/lib/db/client";
import { execute, queryRows, sqliteConnectionOf } from "@/lib/db/direct-sql";
import { Prisma } from "@/lib/db/generated/sqlite";
import { createTempDb, testDatabase, type TempDb } from "@/tests/support/temp-db";

// lib/db/client.ts and lib/db/direct-sql.ts rely on internals of Prisma's driver adapters (see the
// comment in direct-sql.ts). Each shape they rely on is asserted here, so that a Prisma upgrade
// that changes one fails this test, loudly, rather than issuance in production.
const WHAT_TO_DO =
  "Prisma changed what lib/db/direct-sql.ts relies on. Re-read @prisma/adapter-better-sqlite3 and @prisma/adapter-pg " +
  "(dist/index.mjs: connect, queryRaw, executeRaw, mapArg, the `client` property) and adapt direct-sql.ts, or make " +
  "queryRows/execute call db.$queryRaw/db.$executeRaw (correct, about 0.25 ms slower a statement), then update this test.";

const root = path.resolve(import.meta.dirname, "../../..");
const versionOf = (name: string) =>
  (JSON.parse(readFileSync(path.join(root, "node_modules", name, "package.json"), "utf8")) as { version: string })
    .version;

let temp: TempDb;
beforeAll(async () => {
  temp = await createTempDb();
});
afterAll(() => temp.cleanup());

describe("the Prisma internals the issuance path relies on", () => {
  it("are those of the Prisma version they were checked against", () => {
    for (const name of ["@prisma/client", "@prisma/adapter-better-sqlite3", "@prisma/adapter-pg"])
      expect(versionOf(name), `${name} is no longer 6.19.x. ${WHAT_TO_DO}`).toMatch(/^6\.19\./);
  });

  it("hand out the driver adapter a client queries through, with the methods used", async () => {
    const direct = await driverAdapterOf(temp.db);
    expect(direct, WHAT_TO_DO).toBeDefined();
    expect(direct!.provider).toBe(testDatabase);
    for (const method of ["queryRaw", "executeRaw", "dispose"] as const)
      expect(typeof direct!.adapter[method], `adapter.${method}: ${WHAT_TO_DO}`).toBe("function");
    if (testDatabase === "sqlite") {
      // The adapter's better-sqlite3 connection, where statements are prepared once and cached.
      const connection = sqliteConnectionOf(direct!.adapter);
      expect(connection, `the SQLite adapter's \`client\` property: ${WHAT_TO_DO}`).toBeDefined();
      expect(connection!.open).toBe(true);
    }
  });

  it("store a date bound by direct SQL exactly as the client stores it", async () => {
    const at = new Date("2026-11-30T23:59:58.007Z");
    await temp.db.rateLimit.create({ data: { key: "by-client", windowStart: at, count: 1 } });
    await execute(
      temp.db,
      Prisma.sql`INSERT INTO "RateLimit" ("key", "windowStart", "count") VALUES (${"by-direct-sql"}, ${at}, ${1})`,
    );
    // Compared as stored text (SQLite) or as the column's value (PostgreSQL), not after parsing.
    const rows = await temp.db.$queryRawUnsafe<{ key: string; stored: string }[]>(
      `SELECT "key", CAST("windowStart" AS TEXT) AS "stored" FROM "RateLimit" WHERE "key" IN ('by-client', 'by-direct-sql') ORDER BY "key"`,
    );
    expect(rows, `argument conversion (mapArg, argTypes): ${WHAT_TO_DO}`).toHaveLength(2);
    expect(rows[0].stored, `argument conversion (mapArg, argTypes): ${WHAT_TO_DO}`).toBe(rows[1].stored);
    const [read] = await queryRows<{ windowStart: unknown }>(
      temp.db,
      Prisma.sql`SELECT "windowStart" FROM "RateLimit" WHERE "key" = ${"by-direct-sql"}`,
    );
    expect(
      new Date(String(read.windowStart instanceof Date ? read.windowStart.toISOString() : read.windowStart)).getTime(),
    ).toBe(at.getTime());
  });

  it("fail with the adapter's own error shape", async () => {
    const error = await execute(temp.db, Prisma.sql`INSERT INTO "NoSuchTable" ("x") VALUES (${1})`).then(
      () => undefined,
      (e: unknown) => e as { name?: string; cause?: { kind?: string } },
    );
    // lib/db/errors.ts reads failures by this shape (name and cause.kind).
    expect(error?.name, WHAT_TO_DO).toBe("DriverAdapterError");
    expect(error?.cause?.kind, WHAT_TO_DO).toBe("TableDoesNotExist");
  });
});
