import { describe, expect, it } from "vitest";
import {
  formatUserCode,
  generateDeviceCode,
  generateUserCode,
  hashCode,
  normalizeUserCode,
  USER_CODE_ALPHABET,
} from "@/lib/device/user-code";

describe("user codes (RFC 8628 §6.1)", () => {
  it("are 8 characters of the consonant alphabet, shown as XXXX-XXXX", () => {
    for (let i = 0; i < 200; i++)
      expect(generateUserCode()).toMatch(/^[BCDFGHJKLMNPQRSTVWXZ]{4}-[BCDFGHJKLMNPQRSTVWXZ]{4}$/);
  });

  it("draw every letter from the whole alphabet (the picker is used as given)", () => {
    let i = 0;
    expect(generateUserCode(() => i++ % USER_CODE_ALPHABET.length)).toBe("BCDF-GHJK");
    expect(generateUserCode((max) => max - 1)).toBe("ZZZZ-ZZZZ");
  });

  it.each([
    ["BCDF-GHJK", "BCDFGHJK"],
    ["bcdf-ghjk", "BCDFGHJK"],
    ["bcdfghjk", "BCDFGHJK"],
    [" BCDF GHJK ", "BCDFGHJK"],
    ["BC-DF-GH-JK", "BCDFGHJK"],
    ["BCDF–GHJK", "BCDFGHJK"],
    ["BCDF-GHJ", null],
    ["BCDF-GHJKL", null],
    ["BCDA-GHJK", null],
    ["BCD1-GHJK", null],
    ["", null],
    ["B".repeat(100), null],
  ])("normalises %j to %j", (input, expected) => {
    expect(normalizeUserCode(input)).toBe(expected);
  });

  it("formats and hashes the normalised form", () => {
    expect(formatUserCode("BCDFGHJK")).toBe("BCDF-GHJK");
    expect(hashCode(normalizeUserCode("bcdf ghjk")!)).toBe(hashCode("BCDFGHJK"));
    expect(hashCode("BCDFGHJK")).toMatch(/^[0-9a-f]{64}$/);
  });

  it("device codes are 256 random bits, never repeated", () => {
    const codes = new Set(Array.from({ length: 100 }, generateDeviceCode));
    expect(codes.size).toBe(100);
    for (const code of codes) expect(Buffer.from(code, "base64url")).toHaveLength(32);
  });
});
