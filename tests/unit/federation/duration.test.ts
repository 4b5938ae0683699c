import { describe, expect, it } from "vitest";
import { clampDuration } from "@/lib/federation/duration";

describe("clampDuration", () => {
  it.each([
    [{ requested: 43_200, allowed: 3600, fallback: 3600 }, 3600],
    [{ requested: 1800, allowed: 3600, fallback: 3600 }, 1800],
    [{ requested: 60, allowed: 3600, fallback: 3600 }, 900],
    [{ requested: 99_999, allowed: 43_200, fallback: 3600 }, 43_200],
    [{ requested: 7200.9, allowed: 28_800, fallback: 3600 }, 7200],
    // Without a request: the role's default, never past what is allowed.
    [{ allowed: 28_800, fallback: 3600 }, 3600],
    [{ allowed: 28_800, fallback: 7200 }, 7200],
    [{ allowed: 1800, fallback: 3600 }, 1800],
    // A request past the role's guardrail limit (folded into allowed) gets the limit.
    [{ requested: 28_800, allowed: 7200, fallback: 1800 }, 7200],
  ])("%j → %i", (input, expected) => {
    expect(clampDuration(input)).toBe(expected);
  });
});
