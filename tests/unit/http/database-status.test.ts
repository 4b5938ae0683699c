import { afterEach, describe, expect, it, vi } from "vitest";
import {
  isDatabaseReachable,
  markDatabaseUnreachable,
  registerDatabaseCheck,
  resetDatabaseStatusForTests,
} from "@/lib/http/database-status";

afterEach(resetDatabaseStatusForTests);

describe("isDatabaseReachable", () => {
  it("assumes the database is reachable until the server registers its check", async () => {
    expect(await isDatabaseReachable()).toBe(true);
  });

  it("asks once a second while the database answers, and on every call while it does not", async () => {
    let answers = true;
    const check = vi.fn(async () => answers);
    registerDatabaseCheck(check);
    const t = Date.now();
    expect(await isDatabaseReachable({ now: t })).toBe(true);
    expect(await isDatabaseReachable({ now: t + 500 })).toBe(true);
    expect(check).toHaveBeenCalledTimes(1);
    answers = false;
    expect(await isDatabaseReachable({ now: t + 2_000 })).toBe(false);
    expect(await isDatabaseReachable({ now: t + 2_001 })).toBe(false);
    expect(check).toHaveBeenCalledTimes(3);
    answers = true;
    expect(await isDatabaseReachable({ now: t + 2_002 })).toBe(true);
  });

  it("shares one check among concurrent callers, and counts a check that throws as unreachable", async () => {
    let fail: (error: Error) => void = () => {};
    const check = vi.fn(() => new Promise<boolean>((_, reject) => (fail = reject)));
    registerDatabaseCheck(check);
    const pending = [isDatabaseReachable(), isDatabaseReachable(), isDatabaseReachable()];
    fail(new Error("connection refused"));
    expect(await Promise.all(pending)).toEqual([false, false, false]);
    expect(check).toHaveBeenCalledTimes(1);
  });

  it("asks again at once after a request failed on the database", async () => {
    const check = vi.fn(async () => true);
    registerDatabaseCheck(check);
    const t = Date.now();
    await isDatabaseReachable({ now: t });
    markDatabaseUnreachable();
    await isDatabaseReachable({ now: t + 10 });
    expect(check).toHaveBeenCalledTimes(2);
  });
});
