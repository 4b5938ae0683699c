import { describe, expect, it } from "vitest";
import { evaluateSession, hasFreshGroups, needsTouch, sessionExpiry } from "@/lib/sessions/session-state";

const now = new Date("2026-11-30T12:00:00Z");
const minutesAgo = (m: number) => new Date(now.getTime() - m * 60_000);
const live = {
  expiresAt: new Date(now.getTime() + 3600_000),
  lastSeenAt: minutesAgo(1),
  revokedAt: null,
  suspendedAt: null,
};

describe("evaluateSession", () => {
  it.each([
    ["a live session", {}, "active"],
    ["revoked", { revokedAt: minutesAgo(5) }, "revoked"],
    ["its person suspended", { suspendedAt: minutesAgo(5) }, "suspended"],
    ["past its absolute end", { expiresAt: now }, "expired"],
    ["idle for the timeout plus the touch interval", { lastSeenAt: minutesAgo(61) }, "idle"],
    ["idle for the timeout only (the last touch may lag a minute)", { lastSeenAt: minutesAgo(60) }, "active"],
    ["revoked and expired: revoked wins", { revokedAt: minutesAgo(5), expiresAt: minutesAgo(1) }, "revoked"],
  ] as const)("%s → %s", (_, change, state) => {
    expect(evaluateSession({ ...live, ...change }, { now, idleSeconds: 3600 })).toBe(state);
  });
});

describe("hasFreshGroups, needsTouch, sessionExpiry", () => {
  it("groups are fresh strictly within the limit", () => {
    expect(hasFreshGroups(minutesAgo(59), { now, maxAgeSeconds: 3600 })).toBe(true);
    expect(hasFreshGroups(minutesAgo(60), { now, maxAgeSeconds: 3600 })).toBe(false);
  });

  it("touches at most once a minute", () => {
    expect(needsTouch(new Date(now.getTime() - 59_999), now)).toBe(false);
    expect(needsTouch(minutesAgo(1), now)).toBe(true);
  });

  it("ends a session at sign-in plus the lifetime, whatever happened since", () => {
    expect(sessionExpiry(minutesAgo(60), 8 * 3600).toISOString()).toBe("2026-11-30T19:00:00.000Z");
  });
});
