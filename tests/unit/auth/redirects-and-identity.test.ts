import { describe, expect, it } from "vitest";
import { buildIdentity, deriveUsername, isAdminOf, isEmailVerified, parseGroups } from "@/lib/auth/identity";
import { resolveAuthRedirect, safeRelativePath } from "@/lib/auth/redirects";
import { listSignInMethods } from "@/lib/auth/sign-in-methods";

describe("safeRelativePath", () => {
  it.each([
    ["/", "/"],
    ["/go?account=sandbox&role=Developer", "/go?account=sandbox&role=Developer"],
    ["/admin/audit#top", "/admin/audit#top"],
    ["/a/../b", "/b"],
    ["https://evil.example.com/", "/"],
    ["//evil.example.com/x", "/"],
    ["/\\evil.example.com", "/"],
    ["\\\\evil.example.com", "/"],
    ["javascript:alert(1)", "/"],
    ["/%0d%0aSet-Cookie:x", "/%0d%0aSet-Cookie:x"],
    ["/\u0000x", "/"],
    // The path that comes out must be relative too, not only the one that went in.
    ["/..//evil.example", "/"],
    ["/.//evil.example", "/"],
    ["/a/..//evil.example/x", "/"],
    ["/%2e%2e//evil.example", "/"],
    ["/%2E%2E//evil.example", "/"],
    ["/.%2e//evil.example", "/"],
    ["/..\\/evil.example", "/"],
    ["/./\\evil.example", "/"],
    // Encoded slashes stay encoded: a browser reads them as part of the path, never as a host.
    ["/%5c%5cevil.example", "/%5c%5cevil.example"],
    ["/%2f%2fevil.example", "/%2f%2fevil.example"],
    ["/..%2f%2fevil.example", "/..%2f%2fevil.example"],
    ["/\tevil", "/"],
    ["", "/"],
    [undefined, "/"],
    [42, "/"],
  ])("%j → %j", (input, expected) => {
    expect(safeRelativePath(input)).toBe(expected);
  });

  it("next-auth redirects stay on Airlock's origin", () => {
    const baseUrl = "https://airlock.example.com";
    expect(resolveAuthRedirect({ url: "/history", baseUrl })).toBe("https://airlock.example.com/history");
    expect(resolveAuthRedirect({ url: "https://airlock.example.com/x?y=1", baseUrl })).toBe(
      "https://airlock.example.com/x?y=1",
    );
    expect(resolveAuthRedirect({ url: "https://evil.example.com/", baseUrl })).toBe("https://airlock.example.com/");
    expect(resolveAuthRedirect({ url: "//evil.example.com", baseUrl })).toBe("https://airlock.example.com/");
    for (const url of [
      "/..//evil.example.com",
      "/%2e%2e//evil.example.com",
      "https://airlock.example.com/..//evil.example.com",
    ])
      expect(resolveAuthRedirect({ url, baseUrl })).toBe("https://airlock.example.com/");
  });
});

describe("identity", () => {
  it("parses groups from arrays or comma-separated strings, dropping junk", () => {
    expect(parseGroups(["eng", " sre ", "", 7, "eng"])).toEqual(["eng", "sre"]);
    expect(parseGroups("eng, sre")).toEqual(["eng", "sre"]);
    expect(parseGroups(undefined)).toEqual([]);
    expect(parseGroups({ groups: ["x"] })).toEqual([]);
  });

  it("derives a username and validates the claims", () => {
    expect(deriveUsername("alice@example.com")).toBe("alice");
    expect(deriveUsername("alice@example.com", "alice.smith@corp")).toBe("alice.smith");
    expect(
      buildIdentity({ idp: "oidc:x", claims: { subject: "1", email: "Alice@Example.com" }, groups: ["eng"] }),
    ).toEqual({
      idp: "oidc:x",
      subject: "1",
      email: "alice@example.com",
      name: null,
      username: "Alice",
      groups: ["eng"],
    });
    expect(() => buildIdentity({ idp: "oidc:x", claims: { subject: "1" }, groups: [] })).toThrow(/email/);
    expect(() => buildIdentity({ idp: "oidc:x", claims: { email: "a@b.co" }, groups: [] })).toThrow();
  });

  it.each([
    [true, true, true],
    [false, true, false],
    [undefined, true, false],
    ["true", true, false],
    [true, false, true],
    [undefined, false, true],
    [false, false, false],
  ])("email_verified=%s with the claim required=%s: accepted=%s", (claim, required, accepted) => {
    expect(isEmailVerified(claim, { required })).toBe(accepted);
  });

  it("admins are members of a configured admin group", () => {
    expect(isAdminOf(["engineering", "platform-admins"], ["platform-admins"])).toBe(true);
    expect(isAdminOf(["engineering"], ["platform-admins"])).toBe(false);
    expect(isAdminOf(["engineering"], [])).toBe(false);
  });

  it("lists the enabled sign-in methods", () => {
    const names = { AIRLOCK_OIDC_NAME: "Okta", AIRLOCK_SAML_NAME: "Entra ID" };
    expect(
      listSignInMethods({ ...names, AIRLOCK_OIDC_ISSUER: undefined, AIRLOCK_SAML_IDP_METADATA: undefined }),
    ).toEqual([]);
    expect(
      listSignInMethods({ ...names, AIRLOCK_OIDC_ISSUER: "https://x", AIRLOCK_SAML_IDP_METADATA: "/m.xml" }).map(
        (m) => m.label,
      ),
    ).toEqual(["Sign in with Okta", "Sign in with Entra ID"]);
  });
});
