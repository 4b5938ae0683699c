import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { sweepExpiredRows } from "@/lib/db/sweep-expired-rows";
import { createTempDb, type TempDb } from "@/tests/support/temp-db";

let temp: TempDb;
beforeAll(async () => {
  temp = await createTempDb();
});
afterAll(() => temp.cleanup());

const now = new Date("2026-06-01T12:00:00Z");
const at = (seconds: number) => new Date(now.getTime() + seconds * 1000);

/** `expired` rows past their expiry and one still live, in each of the six tables. */
async function seed(expired: number) {
  const rows = [
    ...Array.from({ length: expired }, (_, i) => ({ id: `old${i}`, at: at(-1 - i) })),
    { id: "live", at: at(60) },
  ];
  for (const { id, at: expiresAt } of rows) {
    await temp.db.samlPendingRequest.create({ data: { requestId: id, browserHash: "h", expiresAt } });
    await temp.db.loginTicket.create({
      data: { tokenHash: id, idp: "saml:x", subject: "s", email: "a@example.com", username: "a", expiresAt },
    });
    await temp.db.samlReplay.create({ data: { assertionId: id, expiresAt } });
  }
  // Sessions are kept a day past their absolute end.
  await temp.db.user.create({ data: { id: "u", idp: "saml:x", subject: "s", email: "a@example.com", username: "a" } });
  for (const { id, at: end } of rows) {
    const expiresAt = new Date(end.getTime() - 24 * 3600_000);
    const times = { groupsCheckedAt: now, authenticatedAt: now, lastSeenAt: now, expiresAt };
    await temp.db.session.create({ data: { id, userId: "u", kind: "browser", idp: "saml:x", ...times } });
  }
  // Device authorizations are kept an hour past expiry (a late poll hears expired_token).
  for (const { id, at: end } of rows)
    await temp.db.deviceAuthorization.create({
      data: { id, userCodeHash: id, expiresAt: new Date(end.getTime() - 3600_000) },
    });
  // Rate-limit windows are kept an hour after they start (the longest window a limit may use).
  await temp.db.rateLimit.createMany({
    data: [
      ...Array.from({ length: expired }, (_, i) => ({ key: `old${i}`, windowStart: at(-3601 - i), count: 1 })),
      { key: "live", windowStart: at(-60), count: 1 },
    ],
  });
}

const remaining = async () => ({
  SamlPendingRequest: (await temp.db.samlPendingRequest.findMany()).map((r) => r.requestId),
  LoginTicket: (await temp.db.loginTicket.findMany()).map((r) => r.tokenHash),
  SamlReplay: (await temp.db.samlReplay.findMany()).map((r) => r.assertionId),
  DeviceAuthorization: (await temp.db.deviceAuthorization.findMany()).map((r) => r.id),
  RateLimit: (await temp.db.rateLimit.findMany()).map((r) => r.key),
  Session: (await temp.db.session.findMany()).map((r) => r.id),
});

describe("sweepExpiredRows", () => {
  it("deletes the rows of all six tables past expiry, in bounded batches, and keeps live ones", async () => {
    await seed(5);
    // Two batches of two: four of five expired rows per table this time, the last one next time.
    expect(await sweepExpiredRows({ db: temp.db, now, batchSize: 2, maxBatches: 2 })).toEqual({
      SamlPendingRequest: 4,
      LoginTicket: 4,
      SamlReplay: 4,
      DeviceAuthorization: 4,
      RateLimit: 4,
      Session: 4,
    });
    expect(Object.values(await remaining()).map((keys) => keys.length)).toEqual([2, 2, 2, 2, 2, 2]);
    await sweepExpiredRows({ db: temp.db, now });
    const live = ["live"];
    expect(await remaining()).toEqual({
      SamlPendingRequest: live,
      LoginTicket: live,
      SamlReplay: live,
      DeviceAuthorization: live,
      RateLimit: live,
      Session: live,
    });
  });
});
