import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { consumeRateLimit } from "@/lib/rate-limit";
import { createTempDb, type TempDb } from "@/tests/support/temp-db";

let temp: TempDb;
beforeAll(async () => {
  temp = await createTempDb();
});
afterAll(() => temp.cleanup());

describe("consumeRateLimit", () => {
  it("allows `limit` calls per window, then refuses with the wait, then resets", async () => {
    const at = (s: number) => new Date(Date.UTC(2026, 10, 26, 12, 0, s));
    for (let i = 0; i < 3; i += 1)
      await consumeRateLimit({ db: temp.db, key: "issue:u1", limit: 3, windowSeconds: 60, now: at(10) });
    await expect(
      consumeRateLimit({ db: temp.db, key: "issue:u1", limit: 3, windowSeconds: 60, now: at(20) }),
    ).rejects.toMatchObject({
      code: "rate_limited",
      status: 429,
      details: { retryAfterSeconds: 40 },
    });
    // Another user has their own budget; the next window starts afresh.
    await consumeRateLimit({ db: temp.db, key: "issue:u2", limit: 3, windowSeconds: 60, now: at(20) });
    await consumeRateLimit({
      db: temp.db,
      key: "issue:u1",
      limit: 3,
      windowSeconds: 60,
      now: new Date(at(0).getTime() + 61_000),
    });
  });
});
