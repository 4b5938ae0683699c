import { describe, expect, it } from "vitest";
import { exitCodes, toCliError, toRelativePath } from "@/cli/src/errors";

const context = { url: "https://airlock.example.com" };

describe("airlock errors and exit codes", () => {
  it("gives every kind of failure its own exit code, none of them 0", () => {
    const codes = Object.values(exitCodes);
    expect(new Set(codes).size).toBe(codes.length);
    expect(codes).not.toContain(0);
  });

  it.each([
    [401, { code: "unauthenticated", reason: "expired" }, "session_ended", /reached its end time.*airlock login/],
    [401, { code: "unauthenticated", reason: "revoked" }, "session_ended", /revoked.*airlock login/],
    [401, { code: "unauthenticated", reason: "invalid_token" }, "session_ended", /airlock login/],
    [
      401,
      { code: "unauthenticated", reason: "suspended", message: "Ask the platform team." },
      "session_ended",
      /suspended/,
    ],
    [
      401,
      { code: "unauthenticated", reason: "groups_stale", refreshUrl: "/signin/refresh?idp=oidc" },
      "groups_stale",
      /open https:\/\/airlock\.example\.com\/signin\/refresh\?idp=oidc in your browser/,
    ],
    [
      401,
      {
        code: "step_up_required",
        reason: "step_up_required",
        message: "production / Admin needs a sign-in at your identity provider within the last 15 minutes.",
        refreshUrl: "/signin/refresh?idp=oidc&fresh=1",
      },
      "step_up_required",
      /^production \/ Admin needs a sign-in at your identity provider within the last 15 minutes\.$/,
    ],
    [
      401,
      { code: "step_up_required", reason: "step_up_required", refreshUrl: "/signin/refresh?idp=oidc&fresh=1" },
      "step_up_required",
      /open https:\/\/airlock\.example\.com\/signin\/refresh\?idp=oidc&fresh=1 in your browser/,
    ],
    [
      403,
      { code: "forbidden", message: "You are not entitled to Admin in Prod.", groups: ["aws-prod-admins"] },
      "not_entitled",
      /not entitled to Admin in Prod\. Ask to be added to the group aws-prod-admins\./,
    ],
    [
      403,
      {
        code: "forbidden",
        message:
          "You are not entitled to role Admin in account 1. Ask your Airlock administrators to map one of your groups to it.",
        groups: ["a", "b"],
      },
      "not_entitled",
      /^You are not entitled to role Admin in account 1\. Ask to be added to one of the groups a, b\.$/,
    ],
    [403, { code: "forbidden", groups: [] }, "not_entitled", /airlock ls/],
    [
      502,
      { code: "upstream", message: "AWS refused: the role's trust policy does not trust Airlock." },
      "aws_refused",
      /^AWS refused: the role's trust policy/,
    ],
    [
      429,
      { code: "rate_limited", message: "Too many issuances." },
      "rate_limited",
      /Too many issuances\. Wait a minute/,
    ],
    [503, { code: "unavailable", message: "The database is down." }, "unreachable", /database is down\. Try again/],
    [400, { code: "invalid_input", message: "durationSeconds: too large" }, "usage", /durationSeconds/],
    [
      400,
      { code: "reason_required", message: "production / Admin requires a reason for every session." },
      "reason_required",
      /^production \/ Admin requires a reason for every session\. Pass it with --reason/,
    ],
    [500, { code: "internal", message: "Something went wrong." }, "failed", /Something went wrong/],
  ] as const)("maps HTTP %i %j to %s", (status, body, kind, message) => {
    const error = toCliError(status, { ...body, groups: "groups" in body ? [...body.groups] : undefined }, context);
    expect(error.kind).toBe(kind);
    expect(error.exitCode).toBe(exitCodes[kind]);
    expect(error.message).toMatch(message);
    expect(error.message).not.toContain("\n");
  });

  it("keeps only relative refresh paths (never another host)", () => {
    expect(toRelativePath("/signin/refresh?x=1")).toBe("/signin/refresh?x=1");
    for (const bad of ["//evil.example/x", "https://evil.example/", "/\\evil.example", undefined, 42])
      expect(toRelativePath(bad)).toBe("/");
  });
});
