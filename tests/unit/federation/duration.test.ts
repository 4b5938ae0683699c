import { describe, expect, it } from "vitest";
import { clampDuration } from "@/lib/federation/duration";

describe("clampDuration", () => {
  it.each([
    [{ requested: 43_200, allowed: 3600 }, 3600],
    [{ requested: 1800, allowed: 3600 }, 1800],
    [{ requested: 60, allowed: 3600 }, 900],
    [{ requested: 99_999, allowed: 43_200 }, 43_200],
    [{ requested: 7200.9, allowed: 28_800 }, 7200],
    [{ allowed: 28_800 }, 3600],
    [{ allowed: 1800 }, 1800],
  ])("%j → %i", (input, expected) => {
    expect(clampDuration(input)).toBe(expected);
  });
});
