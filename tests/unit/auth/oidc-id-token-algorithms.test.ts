import { describe, expect, it } from "vitest";
import {
  describeRefusedAlgorithm,
  readJwtAlgorithm,
  selectIdTokenAlgorithms,
} from "@/lib/auth/oidc-id-token-algorithms";

describe("selectIdTokenAlgorithms", () => {
  it.each([
    ["discovery names none: RS256", undefined, undefined, ["RS256"]],
    ["discovery's list is empty: RS256", undefined, [], ["RS256"]],
    ["discovery is not a list: RS256", undefined, "RS512", ["RS256"]],
    [
      "the asymmetric ones discovery advertises, never none or HS*",
      undefined,
      ["none", "HS512", "HS256", "RS512", "PS256", "ES256", "EdDSA", "RS256"],
      ["RS256", "RS512", "PS256", "ES256"],
    ],
    ["LemonLDAP-like: HS512 only advertised, nothing accepted", undefined, ["HS512"], []],
    ["configured: exactly those, HS* included", ["HS512", "RS256"], ["RS512"], ["HS512", "RS256"]],
    ["configured never lets none through", ["none", "ES384"], undefined, ["ES384"]],
    ["configured but empty: discovery decides", [], ["PS512"], ["PS512"]],
  ])("%s", (_, configured, advertised, expected) => {
    expect(selectIdTokenAlgorithms({ configured, advertised })).toEqual(expected);
  });
});

describe("readJwtAlgorithm", () => {
  const jwt = (header: unknown) => `${Buffer.from(JSON.stringify(header)).toString("base64url")}.e30.sig`;
  it.each([
    [jwt({ alg: "RS512", kid: "k" }), "RS512"],
    [jwt({ alg: "none" }), "none"],
    [jwt({ typ: "JWT" }), undefined],
    [jwt(null), undefined],
    ["not a jwt", undefined],
    [undefined, undefined],
  ])("%s -> %s", (token, alg) => {
    expect(readJwtAlgorithm(token)).toBe(alg);
  });
});

describe("describeRefusedAlgorithm", () => {
  it("names the algorithm, what Airlock accepts, and the setting", () => {
    const message = describeRefusedAlgorithm("RS384", ["RS256", "ES256"]);
    expect(message).toContain("signed with RS384; Airlock accepts RS256, ES256");
    expect(message).toContain("AIRLOCK_OIDC_ID_TOKEN_ALG");
  });
  it("says why HS* is not accepted by default", () => {
    expect(describeRefusedAlgorithm("HS512", ["RS256"])).toContain("uses the client secret as the signing key");
  });
  it("says when the OP advertises nothing Airlock accepts", () => {
    expect(describeRefusedAlgorithm("HS512", [])).toContain("advertises no ID token algorithm Airlock accepts");
  });
});
