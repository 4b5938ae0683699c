import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { recordAuditEvent } from "@/lib/audit/record";
import { execute, queryRows } from "@/lib/db/direct-sql";
import { Prisma } from "@/lib/db/generated/sqlite";
import { createDb } from "@/lib/db/client";
import { createTempDb, type TempDb } from "@/tests/support/temp-db";

// The issuance path's statements skip the client and go to Prisma's driver adapter. What they
// write must read back through the client exactly as if the client had written it (dates above
// all), on both databases: this file runs in the SQLite and in the PostgreSQL pass.

let temp: TempDb;
beforeAll(async () => {
  temp = await createTempDb();
});
afterAll(() => temp.cleanup());

const windowStart = new Date("2026-11-26T12:34:00.123Z");

describe("direct SQL", () => {
  it("binds strings, numbers, dates and null as the client does, and reads rows by column name", async () => {
    expect(
      await execute(
        temp.db,
        Prisma.sql`INSERT INTO "RateLimit" ("key", "windowStart", "count") VALUES (${"k1"}, ${windowStart}, ${7})`,
      ),
    ).toBe(1);
    expect(await temp.db.rateLimit.findUnique({ where: { key: "k1" } })).toEqual({
      key: "k1",
      windowStart,
      count: 7,
    });
    // Written by the client, compared by direct SQL: the same date matches.
    await temp.db.rateLimit.create({ data: { key: "k2", windowStart, count: 1 } });
    const rows = await queryRows<{ key: string; count: number | bigint }>(
      temp.db,
      Prisma.sql`SELECT "key", "count" FROM "RateLimit" WHERE "windowStart" = ${windowStart} AND "key" <> ${"none"} ORDER BY "key"`,
    );
    expect(rows.map((r) => ({ key: r.key, count: Number(r.count) }))).toEqual([
      { key: "k1", count: 7 },
      { key: "k2", count: 1 },
    ]);
    const [nullRow] = await queryRows<{ v: unknown }>(temp.db, Prisma.sql`SELECT ${null} AS "v"`);
    expect(nullRow.v).toBeNull();
  });

  it("writes audit rows the client reads back unchanged", async () => {
    const before = new Date();
    await recordAuditEvent({
      db: temp.db,
      event: {
        action: "credentials.issue",
        outcome: "success",
        actor: "alice@example.com",
        accountId: "111111111111",
        roleName: "Developer",
        userAgent: "curl/8 'quoted' \"and\" ünïcode",
        details: { region: "eu-west-1" },
      },
    });
    const [event] = await temp.db.auditEvent.findMany({ where: { actor: "alice@example.com" } });
    expect(event).toMatchObject({
      action: "credentials.issue",
      outcome: "success",
      reason: null,
      userAgent: "curl/8 'quoted' \"and\" ünïcode",
      details: '{"region":"eu-west-1"}',
    });
    expect(event.createdAt.getTime()).toBeGreaterThanOrEqual(before.getTime());
    expect(event.createdAt.getTime()).toBeLessThanOrEqual(Date.now());
  });

  it("runs inside a transaction through the transaction, so a rollback undoes it", async () => {
    const rollback = new Error("roll back");
    await expect(
      temp.db.$transaction(async (tx) => {
        await execute(
          tx,
          Prisma.sql`INSERT INTO "RateLimit" ("key", "windowStart", "count") VALUES (${"tx"}, ${windowStart}, ${1})`,
        );
        expect(await queryRows(tx, Prisma.sql`SELECT "key" FROM "RateLimit" WHERE "key" = ${"tx"}`)).toHaveLength(1);
        throw rollback;
      }),
    ).rejects.toBe(rollback);
    expect(await temp.db.rateLimit.findUnique({ where: { key: "tx" } })).toBeNull();
  });

  it("connects a client that has not queried yet, and reconnects one that was disconnected", async () => {
    const db = createDb(temp.databaseUrl);
    try {
      expect(await queryRows(db, Prisma.sql`SELECT ${1} AS "one"`)).toHaveLength(1);
      await db.$disconnect();
      expect(await queryRows(db, Prisma.sql`SELECT ${2} AS "two"`)).toHaveLength(1);
    } finally {
      await db.$disconnect();
    }
  });
});
