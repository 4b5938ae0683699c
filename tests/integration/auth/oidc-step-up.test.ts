import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createDb, type Db } from "@/lib/db/client";
import { signInThroughDemoOidc, startOidcPair, type OidcPair } from "@/tests/support/demo-oidc-sign-in";

/**
 * What step-up guardrails read from a real OpenID Provider (the demo IdP, oidc-provider): every
 * sign-in asks with max_age (Airlock's session lifetime), so the ID token carries auth_time, which
 * the session keeps; the step-up round trip (prompt=login, max_age=0) makes the OP ask for the
 * password although its own session is alive, and moves the time.
 */

const alice = { email: "alice@example.com", password: "alice" };
let pair: OidcPair;
let db: Db;

beforeAll(async () => {
  pair = await startOidcPair({ clientId: "airlock-step-up", clientSecret: "a-client-secret-for-step-up-0123456789" });
  db = createDb(pair.server.databaseUrl);
}, 120_000);
afterAll(async () => {
  await db?.$disconnect();
  await pair?.stop();
});

const newestSession = () =>
  db.session.findFirstOrThrow({
    where: { kind: "browser", revokedAt: null },
    orderBy: { createdAt: "desc" },
    select: { id: true, idpAuthenticatedAt: true, authenticatedAt: true },
  });

describe("the IdP authentication time from OIDC", () => {
  it("asks with max_age on every sign-in and keeps the ID token's auth_time on the session", async () => {
    const { location, authorizeUrl, askedForPassword, jar } = await signInThroughDemoOidc(pair.server, alice);
    expect(location).toBe(`${pair.server.url}/`);
    expect(askedForPassword).toBe(true);
    expect(new URL(authorizeUrl).searchParams.get("max_age")).toBe("28800");
    const first = await newestSession();
    // auth_time has whole seconds: the login happened within this sign-in.
    expect(first.idpAuthenticatedAt).not.toBeNull();
    expect(Math.abs(first.idpAuthenticatedAt!.getTime() - first.authenticatedAt.getTime())).toBeLessThan(10_000);

    // An ordinary sign-in again is answered from the OP's session: no password, the same auth_time.
    await db.session.updateMany({ where: { id: first.id }, data: { idpAuthenticatedAt: new Date(0) } });
    const again = await signInThroughDemoOidc(pair.server, { ...alice, jar });
    expect(again.askedForPassword).toBe(false);
    const second = await newestSession();
    expect(second.id).not.toBe(first.id);
    expect(second.idpAuthenticatedAt?.getTime()).toBe(first.idpAuthenticatedAt!.getTime());

    // The step-up round trip: the OP asks for the password although its session is alive.
    await new Promise((resolve) => setTimeout(resolve, 1100));
    const forced = await signInThroughDemoOidc(pair.server, {
      ...alice,
      jar,
      authorizationParams: { prompt: "login", max_age: "0" },
    });
    expect(forced.location).toBe(`${pair.server.url}/`);
    expect(forced.askedForPassword).toBe(true);
    const params = new URL(forced.authorizeUrl).searchParams;
    expect([params.get("prompt"), params.get("max_age")]).toEqual(["login", "0"]);
    const third = await newestSession();
    expect(third.idpAuthenticatedAt!.getTime()).toBeGreaterThan(first.idpAuthenticatedAt!.getTime());
  });
});
