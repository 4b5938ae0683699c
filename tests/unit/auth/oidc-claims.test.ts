import { describe, expect, it } from "vitest";
import { describeGroupsClaim, listMissingClaims, mergeUserinfoClaims, userinfoSchema } from "@/lib/auth/oidc-claims";

const full = { sub: "u1", email: "a@example.com", name: "A", preferred_username: "a", groups: ["g"] };

describe("listMissingClaims", () => {
  it.each([
    ["all present", full, "groups", []],
    ["an empty groups list is present", { ...full, groups: [] }, "groups", []],
    ["email and groups absent", { sub: "u1", name: "A", preferred_username: "a" }, "groups", ["email", "groups"]],
    ["a null claim is absent", { ...full, name: null }, "groups", ["name"]],
    ["the configured groups claim", full, "roles", ["roles"]],
  ])("%s", (_, claims, groupsClaim, missing) => {
    expect(listMissingClaims(claims, groupsClaim)).toEqual(missing);
  });
});

describe("mergeUserinfoClaims", () => {
  it("completes the ID token from userinfo; the ID token wins where both have a value", () => {
    const merged = mergeUserinfoClaims({
      idToken: { sub: "u1", name: "From ID token", iss: "https://op" },
      userinfo: { sub: "u1", name: "From userinfo", email: "a@example.com", email_verified: true, groups: ["g"] },
    });
    expect(merged).toEqual({
      ok: true,
      claims: {
        sub: "u1",
        iss: "https://op",
        name: "From ID token",
        email: "a@example.com",
        email_verified: true,
        groups: ["g"],
      },
    });
  });

  it("takes email_verified with the email it qualifies", () => {
    const fromUserinfo = mergeUserinfoClaims({
      idToken: { sub: "u1", email_verified: true },
      userinfo: { sub: "u1", email: "a@example.com", email_verified: false },
    });
    expect(fromUserinfo).toMatchObject({ ok: true, claims: { email: "a@example.com", email_verified: false } });
    const fromIdToken = mergeUserinfoClaims({
      idToken: { sub: "u1", email: "a@example.com", email_verified: true },
      userinfo: { sub: "u1", email: "other@example.com", email_verified: false },
    });
    expect(fromIdToken).toMatchObject({ ok: true, claims: { email: "a@example.com", email_verified: true } });
    const unqualified = mergeUserinfoClaims({
      idToken: { sub: "u1", email: "a@example.com" },
      userinfo: { sub: "u1", email: "other@example.com", email_verified: true },
    });
    expect(unqualified.ok && unqualified.claims.email_verified).toBeUndefined();
  });

  it("refuses a userinfo answer about another subject", () => {
    expect(mergeUserinfoClaims({ idToken: { sub: "u1" }, userinfo: { sub: "u2", email: "b@example.com" } })).toEqual({
      ok: false,
      reason: "oidc_userinfo_sub_mismatch",
    });
  });
});

describe("userinfoSchema", () => {
  it.each([
    [{ sub: "u1", groups: ["g"] }, true],
    [{ sub: "" }, false],
    [{ email: "a@example.com" }, false],
    [["sub"], false],
    ["u1", false],
  ])("%j valid: %s", (value, valid) => {
    expect(userinfoSchema.safeParse(value).success).toBe(valid);
  });
});

describe("describeGroupsClaim", () => {
  it.each([
    ["in the ID token", { sub: "u", groups: [] }, { groups: [] }, { status: "present", source: "id_token" }],
    ["from userinfo", { sub: "u" }, { groups: ["g"] }, { status: "present", source: "userinfo" }],
    ["missing from both", { sub: "u" }, { sub: "u" }, { status: "missing", lookedIn: ["id_token", "userinfo"] }],
  ])("%s", (_, idToken, claims, expected) => {
    expect(
      describeGroupsClaim({ idToken, claims, groupsClaim: "groups", lookedIn: ["id_token", "userinfo"] }),
    ).toMatchObject({ claim: "groups", ...expected });
  });
});
