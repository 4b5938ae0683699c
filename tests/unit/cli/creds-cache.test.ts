import { describe, expect, it } from "vitest";
import { buildCacheFileName, cacheMarginMs, isCacheUsable } from "@/cli/src/creds-cache";

const now = Date.parse("2026-01-01T12:00:00Z");
const entry = (expiresInMs: number) => ({
  accessKeyId: "ASIAEXAMPLE",
  secretAccessKey: "secret",
  sessionToken: "token",
  expiration: new Date(now + expiresInMs).toISOString(),
});

describe("credential cache", () => {
  it.each([
    [60 * 60 * 1000, true],
    [cacheMarginMs + 1000, true],
    [cacheMarginMs, false],
    [60 * 1000, false],
    [-1000, false],
  ])("credentials expiring in %i ms are usable: %s", (expiresInMs, usable) => {
    expect(isCacheUsable(entry(expiresInMs), now)).toBe(usable);
  });

  it.each([null, "x", {}, { ...entry(3_600_000), sessionToken: "" }, { ...entry(3_600_000), expiration: "soon" }])(
    "refuses a damaged entry %j",
    (value) => {
      expect(isCacheUsable(value, now)).toBe(false);
    },
  );

  it("keys by portal, account, role and duration, and reveals none of them in the file name", () => {
    const key = { url: "https://a.example", account: "111111111111", role: "Developer" };
    const name = buildCacheFileName(key);
    expect(name).toMatch(/^[0-9a-f]{32}\.json$/);
    expect(buildCacheFileName({ ...key })).toBe(name);
    expect(buildCacheFileName({ ...key, account: "Sandbox" })).not.toBe(name);
    expect(buildCacheFileName({ ...key, role: "Admin" })).not.toBe(name);
    expect(buildCacheFileName({ ...key, duration: 3600 })).not.toBe(name);
    expect(buildCacheFileName({ ...key, url: "https://b.example" })).not.toBe(name);
  });
});
