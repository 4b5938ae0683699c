import { describe, expect, it } from "vitest";
import { parseBearerToken } from "@/lib/auth/bearer-token";

describe("parseBearerToken", () => {
  it.each([
    [null, undefined],
    ["Basic dXNlcjpwYXNz", undefined],
    ["Bearer airlock_abc", "abc"],
    ["bearer   airlock_abc  ", "abc"],
    ["Bearer abc", null],
    ["Bearer", null],
    ["Bearer airlock_a b", null],
  ])("%j → %j", (header, expected) => {
    expect(parseBearerToken(header)).toBe(expected);
  });
});
