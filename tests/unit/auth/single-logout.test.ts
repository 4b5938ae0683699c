import { describe, expect, it } from "vitest";
import {
  acceptedLogoutTokenAlgorithms,
  BACKCHANNEL_LOGOUT_EVENT,
  checkLogoutTokenClaims,
  LogoutTokenError,
  logoutTokenReplayUntil,
} from "@/lib/auth/logout-token";
import { buildEndSessionUrl, buildPostLogoutRedirectUri } from "@/lib/auth/oidc-logout-url";
import { parseIdpLogout, toSessionColumns } from "@/lib/sessions/idp-logout";

const now = new Date("2026-12-01T09:00:00Z");
const iat = now.getTime() / 1000;
const valid = { iat, jti: "j1", sub: "alice", sid: "s1", events: { [BACKCHANNEL_LOGOUT_EVENT]: {} } };
const check = (claims: Record<string, unknown>) => checkLogoutTokenClaims(claims, { now, skewSeconds: 60 });

function message(fn: () => unknown): string | undefined {
  try {
    fn();
  } catch (error) {
    if (error instanceof LogoutTokenError) return error.message;
    throw error;
  }
  return undefined;
}

describe("logout token claims (Back-Channel Logout 1.0, 2.4 and 2.6)", () => {
  it("accepts a sid, a sub, or both", () => {
    expect(check(valid)).toEqual({ jti: "j1", iat, sub: "alice", sid: "s1" });
    expect(check({ ...valid, sub: undefined })).toMatchObject({ sid: "s1", sub: undefined });
    expect(check({ ...valid, sid: undefined })).toMatchObject({ sub: "alice", sid: undefined });
  });

  it.each([
    ["no sid and no sub", { ...valid, sid: undefined, sub: undefined }, "neither a sid nor a sub"],
    ["a nonce (an ID token)", { ...valid, nonce: "n" }, "carries a nonce"],
    ["no logout event", { ...valid, events: { "http://example.com/other": {} } }, "events claim"],
    ["an event that is not an object", { ...valid, events: { [BACKCHANNEL_LOGOUT_EVENT]: "yes" } }, "events claim"],
    ["no events", { ...valid, events: undefined }, "events claim"],
    ["no jti", { ...valid, jti: undefined }, "no jti"],
    ["no iat", { ...valid, iat: undefined }, "no iat"],
    ["an old iat", { ...valid, iat: iat - 3600 }, "too old"],
    ["an iat in the future", { ...valid, iat: iat + 600 }, "in the future"],
  ])("refuses %s", (_name, claims, expected) => {
    expect(message(() => check(claims))).toContain(expected);
  });

  it.each([0, 60, 600])("remembers a jti past the last moment a token is accepted (skew %i s)", (skewSeconds) => {
    const oldest = new Date((iat + 300 + skewSeconds) * 1000);
    expect(() => checkLogoutTokenClaims(valid, { now: oldest, skewSeconds })).not.toThrow();
    expect(() => checkLogoutTokenClaims(valid, { now: new Date(oldest.getTime() + 1000), skewSeconds })).toThrow(
      "too old",
    );
    expect(logoutTokenReplayUntil(iat, skewSeconds).getTime()).toBeGreaterThan(oldest.getTime());
  });

  it("accepts only asymmetric algorithms the OP advertises, RS256 when it says nothing usable", () => {
    expect(acceptedLogoutTokenAlgorithms(["RS512", "HS256", "none", "ES256"])).toEqual(["RS512", "ES256"]);
    expect(acceptedLogoutTokenAlgorithms(["HS512"])).toEqual(["RS256"]);
    expect(acceptedLogoutTokenAlgorithms(undefined)).toEqual(["RS256"]);
  });
});

describe("RP-initiated logout URL", () => {
  it("sends the ID token hint, the client, the fixed post-logout URL and the state", () => {
    const url = new URL(
      buildEndSessionUrl({
        endSessionEndpoint: "https://op.example.com/session/end?tenant=t",
        idToken: "eyJ.a.b",
        clientId: "airlock",
        postLogoutRedirectUri: buildPostLogoutRedirectUri("https://airlock.example.com"),
        state: "st",
      }),
    );
    expect(url.origin + url.pathname).toBe("https://op.example.com/session/end");
    expect(Object.fromEntries(url.searchParams)).toEqual({
      tenant: "t",
      id_token_hint: "eyJ.a.b",
      client_id: "airlock",
      post_logout_redirect_uri: "https://airlock.example.com/api/auth/logout",
      state: "st",
    });
  });
});

describe("the logout handle a session keeps", () => {
  it("indexes the SAML NameID and SessionIndex, the OIDC sub and sid", () => {
    const saml = { protocol: "saml" as const, nameId: "n", format: "f", sessionIndex: "_s" };
    expect(toSessionColumns(saml)).toMatchObject({ idpSubject: "n", idpSessionId: "_s" });
    expect(parseIdpLogout(toSessionColumns(saml).idpLogout)).toEqual(saml);
    const oidc = { protocol: "oidc" as const, sub: "u", sid: "s", idToken: "t" };
    expect(toSessionColumns(oidc)).toMatchObject({ idpSubject: "u", idpSessionId: "s" });
    expect(toSessionColumns(undefined)).toEqual({ idpSubject: null, idpSessionId: null, idpLogout: null });
    expect(parseIdpLogout('{"protocol":"other"}')).toBeUndefined();
    expect(parseIdpLogout("not json")).toBeUndefined();
  });

  it("keeps the OIDC handle, without its hint, when the ID token is too long to send back in a URL", () => {
    const huge = { protocol: "oidc" as const, sub: "u", sid: "s", idToken: `eyJ.${"a".repeat(20_000)}.b` };
    const columns = toSessionColumns(huge);
    expect(columns).toMatchObject({ idpSubject: "u", idpSessionId: "s" });
    expect(parseIdpLogout(columns.idpLogout)).toEqual({ protocol: "oidc", sub: "u", sid: "s" });
    const fits = { ...huge, idToken: "eyJ.a.b" };
    expect(parseIdpLogout(toSessionColumns(fits).idpLogout)).toEqual(fits);
  });
});
