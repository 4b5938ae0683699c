import { describe, expect, it } from "vitest";
import { AppError, toErrorResponse } from "@/lib/errors";

describe("toErrorResponse", () => {
  it.each([
    ["unauthenticated", 401],
    ["forbidden", 403],
    ["invalid_input", 400],
    ["upstream", 502],
    ["unavailable", 503],
  ] as const)("answers %s with %i and the error body", async (code, status) => {
    const response = toErrorResponse(new AppError(code, "what to do"));
    expect(response.status).toBe(status);
    expect(await response.json()).toEqual({ error: { code, message: "what to do" } });
    // Every 503 says when to try again, and only a 503.
    expect(response.headers.get("retry-after")).toBe(status === 503 ? "30" : null);
  });

  it("answers a database outage, and an error that wraps none (the audit log's own), with 503 and Retry-After", () => {
    const outage = Object.assign(new Error("connect ECONNREFUSED"), { code: "P1001" });
    const audit = new AppError("unavailable", "Airlock cannot write its audit log right now", undefined, {
      cause: outage,
    });
    expect(audit.cause).toBe(outage);
    for (const error of [outage, audit]) {
      const response = toErrorResponse(error, { "cache-control": "no-store" });
      expect(response.status).toBe(503);
      expect(response.headers.get("retry-after")).toBe("30");
      expect(response.headers.get("cache-control")).toBe("no-store");
    }
  });

  it("gives every 503 a Retry-After: the error's own estimate, else 30 seconds", () => {
    const own = toErrorResponse(new AppError("unavailable", "later", { retryAfterSeconds: 12 }));
    expect(own.headers.get("retry-after")).toBe("12");
    expect(toErrorResponse(new AppError("unavailable", "later")).headers.get("retry-after")).toBe("30");
    expect(toErrorResponse(new AppError("forbidden", "no")).headers.get("retry-after")).toBeNull();
  });

  it("hides the internals of unexpected errors", async () => {
    const response = toErrorResponse(new Error("SQLITE_CORRUPT at /var/lib/airlock"));
    expect(response.status).toBe(500);
    const body = await response.json();
    expect(body.error.code).toBe("internal");
    expect(JSON.stringify(body)).not.toContain("SQLITE");
  });
});
