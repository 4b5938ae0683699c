import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { recordAuditEvent } from "@/lib/audit/record";
import { listAuditEvents, parseAuditFilter } from "@/lib/audit/query";
import { createTempDb, type TempDb } from "@/tests/support/temp-db";

let temp: TempDb;
beforeAll(async () => {
  temp = await createTempDb();
  for (const actor of ["Alice.Example@Example.com", "bob@example.com", "alice@example.com"])
    await recordAuditEvent({
      db: temp.db,
      event: { action: "credentials", outcome: "success", actor, accountId: "111111111111", roleName: "Developer" },
    });
});
afterAll(() => temp.cleanup());

describe("the audit log's filters (on this run's database)", () => {
  it("match a person regardless of case", async () => {
    const { events, total } = await listAuditEvents({ db: temp.db, filter: parseAuditFilter({ actor: "ALICE" }) });
    expect(total).toBe(2);
    expect(events.map((e) => e.actor).sort()).toEqual(["Alice.Example@Example.com", "alice@example.com"]);
  });

  it("list newest first, in the order the events were written", async () => {
    const { events } = await listAuditEvents({ db: temp.db, filter: parseAuditFilter({}) });
    expect(events.map((e) => e.actor)).toEqual(["alice@example.com", "bob@example.com", "Alice.Example@Example.com"]);
  });
});
