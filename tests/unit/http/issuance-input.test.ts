import { describe, expect, it } from "vitest";
import type { Entitlement } from "@/lib/entitlements/entitlement";
import { assertReasonGiven } from "@/lib/entitlements/reason";
import { isAppError } from "@/lib/errors";
import { parseIssuanceInput } from "@/lib/http/issuance-input";

const base = { accountId: "333333333333", roleName: "Admin" };

describe("the reason in issuance input", () => {
  it.each([
    ["credentials.issue", { ...base, reason: "  INC-42: rotate keys  " }, "INC-42: rotate keys"],
    ["console.signin", { ...base, reason: "INC-42" }, "INC-42"],
    ["credentials.issue", { ...base, reason: "   " }, undefined],
    ["console.signin", base, undefined],
  ] as const)("%s %j reads as %j", (action, input, reason) => {
    expect(parseIssuanceInput(action, input).reason).toBe(reason);
  });

  it.each([
    [{ ...base, reason: "x".repeat(257) }, "A reason is at most 256 characters"],
    [{ ...base, reason: "two\nlines" }, "on one line"],
    [{ ...base, reason: 42 }, "reason"],
  ])("refuses %j", (input, message) => {
    let caught: unknown;
    try {
      parseIssuanceInput("credentials.issue", input);
    } catch (error) {
      caught = error;
    }
    expect(isAppError(caught) && caught.code).toBe("invalid_input");
    expect((caught as Error).message).toContain(message);
  });
});

describe("assertReasonGiven", () => {
  const entitlement = (requireReason: boolean) =>
    ({ roleName: "Admin", requireReason, account: { id: "333333333333", name: "production" } }) as Entitlement;

  it("refuses a role that requires a reason when none is given, saying what to do", () => {
    let caught: unknown;
    try {
      assertReasonGiven({ entitlement: entitlement(true) });
    } catch (error) {
      caught = error;
    }
    expect(isAppError(caught) && caught.code).toBe("reason_required");
    expect(isAppError(caught) && caught.status).toBe(400);
    expect((caught as Error).message).toBe(
      "production / Admin requires a reason for every session. Say why you need it (for example a ticket reference) and try again.",
    );
  });

  it("lets a given reason through, and roles without the guardrail without one", () => {
    expect(() => assertReasonGiven({ entitlement: entitlement(true), reason: "INC-42" })).not.toThrow();
    expect(() => assertReasonGiven({ entitlement: entitlement(false) })).not.toThrow();
  });
});
