import { describe, expect, it } from "vitest";
import { readIdpAuthTime, readIdTokenAuthTime } from "@/lib/auth/idp-auth-time";
import { buildRefreshPath } from "@/lib/auth/refresh-path";
import { stepUpPath } from "@/lib/auth/step-up-path";
import { assertRecentAuthentication, isRecentEnough } from "@/lib/entitlements/step-up";
import { AppError } from "@/lib/errors";

const now = new Date("2026-12-02T12:00:00Z");
const ago = (minutes: number, seconds = 0) => new Date(now.getTime() - minutes * 60_000 - seconds * 1000);
const role = (stepUpMinutes: number | null) => ({
  stepUpMinutes,
  roleName: "Admin",
  account: {
    id: "333333333333",
    name: "production",
    environment: "prod",
    partition: "aws" as const,
    description: null,
  },
});

describe("isRecentEnough", () => {
  it.each([
    { stepUpMinutes: null, at: null, expected: true },
    { stepUpMinutes: null, at: ago(600), expected: true },
    { stepUpMinutes: 15, at: ago(0), expected: true },
    { stepUpMinutes: 15, at: ago(15), expected: true },
    { stepUpMinutes: 15, at: ago(15, 1), expected: false },
    { stepUpMinutes: 15, at: ago(60), expected: false },
    { stepUpMinutes: 15, at: null, expected: false },
    { stepUpMinutes: 1, at: ago(0, 59), expected: true },
  ])("step-up $stepUpMinutes min, authenticated at $at: $expected", ({ stepUpMinutes, at, expected }) => {
    expect(isRecentEnough({ stepUpMinutes, at, now })).toBe(expected);
  });
});

describe("assertRecentAuthentication", () => {
  const check = (stepUpMinutes: number | null, at: Date | null, extra: { terminal?: boolean; idp?: string } = {}) => {
    try {
      assertRecentAuthentication({
        entitlement: role(stepUpMinutes),
        idp: extra.idp ?? "oidc:https://idp.example.com",
        idpAuthenticatedAt: at,
        terminal: extra.terminal,
        airlockUrl: "https://airlock.example.com",
        now,
      });
      return undefined;
    } catch (error) {
      return error as AppError;
    }
  };

  it("lets a role without step-up, or a recent enough authentication, through", () => {
    expect(check(null, null)).toBeUndefined();
    expect(check(15, ago(3))).toBeUndefined();
  });

  it("refuses an older authentication with what to do, and where the browser goes", () => {
    const error = check(15, ago(42, 30))!;
    expect(error).toBeInstanceOf(AppError);
    expect(error.code).toBe("step_up_required");
    expect(error.status).toBe(401);
    expect(error.message).toBe(
      "production / Admin needs a sign-in at your identity provider within the last 15 minutes (yours was 42 minutes ago).",
    );
    expect(error.details).toEqual({
      reason: "step_up_required",
      refreshUrl: "/signin/refresh?idp=oidc&callbackUrl=%2F&interactive=1&fresh=1",
      stepUpMinutes: 15,
      accountId: "333333333333",
      roleName: "Admin",
    });
  });

  it("says 'more than' when the last authentication is within the window's last minute", () => {
    expect(check(15, ago(15, 20))!.message).toContain("(yours was more than 15 minutes ago).");
  });

  it("says so when the IdP never reported an authentication time, and tells a terminal where to go", () => {
    const error = check(5, null, { terminal: true, idp: "saml:https://idp.example.com/metadata" })!;
    expect(error.message).toBe(
      "production / Admin needs a sign-in at your identity provider within the last 5 minutes (your identity provider did not say when you last signed in). Sign in again in your browser at https://airlock.example.com/signin/refresh?idp=saml&callbackUrl=%2F&interactive=1&fresh=1, then try again.",
    );
  });
});

describe("readIdpAuthTime", () => {
  it.each([
    { input: { seconds: 1_764_676_800 }, expected: "2025-12-02T12:00:00.000Z" },
    { input: { ms: ago(5).getTime() }, expected: ago(5).toISOString() },
    // A little ahead (clock skew) counts as now; further ahead is not believed: it would stretch
    // every step-up window by as much.
    { input: { seconds: now.getTime() / 1000 + 30 }, expected: now.toISOString() },
    { input: { seconds: now.getTime() / 1000 + 600 }, expected: null },
    { input: { ms: now.getTime() + 120_000, skewSeconds: 180 }, expected: now.toISOString() },
    { input: { seconds: "1764676800" }, expected: null },
    { input: { seconds: Number.NaN }, expected: null },
    { input: { seconds: 0 }, expected: null },
    { input: { ms: null }, expected: null },
    { input: {}, expected: null },
  ])("$input", ({ input, expected }) => {
    expect(readIdpAuthTime({ ...input, now })?.toISOString() ?? null).toBe(expected);
  });
});

describe("readIdTokenAuthTime", () => {
  const token = (payload: unknown) =>
    ["e30", Buffer.from(JSON.stringify(payload)).toString("base64url"), "sig"].join(".");
  it("reads auth_time from the ID token itself, and nothing from anything else", () => {
    expect(readIdTokenAuthTime(token({ sub: "a", auth_time: 1_764_676_800 }))).toBe(1_764_676_800);
    expect(readIdTokenAuthTime(token({ sub: "a" }))).toBeUndefined();
    expect(readIdTokenAuthTime(undefined)).toBeUndefined();
    expect(readIdTokenAuthTime("not-a-jwt")).toBeUndefined();
    expect(readIdTokenAuthTime("a.!!!.c")).toBeUndefined();
  });
});

describe("the step-up round trip's path", () => {
  it("forces a new authentication and comes back to where the person was", () => {
    expect(buildRefreshPath({ idp: "saml", callbackUrl: "/go?account=1&role=R", fresh: true })).toBe(
      "/signin/refresh?idp=saml&callbackUrl=%2Fgo%3Faccount%3D1%26role%3DR&interactive=1&fresh=1",
    );
    const error = new AppError("step_up_required", "x", {
      refreshUrl: buildRefreshPath({ idp: "oidc", callbackUrl: "/", fresh: true }),
    });
    expect(stepUpPath(error, "/go?account=333333333333&role=Admin")).toBe(
      "/signin/refresh?idp=oidc&callbackUrl=%2Fgo%3Faccount%3D333333333333%26role%3DAdmin&interactive=1&fresh=1",
    );
  });

  it("never leads off Airlock, whatever the callback", () => {
    const error = new AppError("step_up_required", "x", { refreshUrl: "//evil.example/x" });
    expect(stepUpPath(error, "//evil.example/")).toBe("/x?callbackUrl=%2F");
    const ok = new AppError("step_up_required", "x", { refreshUrl: "/signin/refresh?idp=oidc&fresh=1&interactive=1" });
    expect(stepUpPath(ok, "https://evil.example/")).toBe(
      "/signin/refresh?idp=oidc&fresh=1&interactive=1&callbackUrl=%2F",
    );
  });
});
