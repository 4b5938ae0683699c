import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DemoOidcClient } from "@/dev/oidc-idp/clients";
import { createDb } from "@/lib/db/client";
import { signInThroughDemoOidc, startOidcPair, type OidcPair } from "@/tests/support/demo-oidc-sign-in";
import type { RunningServer } from "@/tests/support/server";

/**
 * OIDC sign-in through a real OpenID Provider (the demo IdP, oidc-provider) configured as real
 * deployments configure theirs: claims only in the userinfo answer, ID tokens signed with
 * RS512, PS256, ES256 or HS256.
 */

const alice = { email: "alice@example.com", password: "alice" };
const secret = "a-client-secret-long-enough-for-hs256-0123456789";

async function readDb<T>(server: RunningServer, read: (db: ReturnType<typeof createDb>) => Promise<T>): Promise<T> {
  const db = createDb(server.databaseUrl);
  try {
    return await read(db);
  } finally {
    await db.$disconnect();
  }
}

const lastSignInAudit = (server: RunningServer) =>
  readDb(server, async (db) => {
    const row = await db.auditEvent.findFirst({
      where: { action: "signin" },
      orderBy: { createdAt: "desc" },
      select: { outcome: true, reason: true, actor: true, details: true },
    });
    return row && { ...row, details: JSON.parse(row.details ?? "{}") as Record<string, unknown> };
  });

/** The groups of the newest session row: what every guard and issuance reads. */
const newestSessionGroups = (server: RunningServer) =>
  readDb(server, async (db) => {
    const row = await db.session.findFirst({ orderBy: { createdAt: "desc" }, select: { groups: true } });
    return row && (JSON.parse(row.groups) as string[]);
  });

async function expectSignedIn(server: RunningServer, groups: string[]) {
  const { location, jar } = await signInThroughDemoOidc(server, alice);
  expect(location).toBe(`${server.url}/`);
  const session = await fetch(`${server.url}/api/auth/session`, { headers: { cookie: jar.header(server.url) } });
  expect(((await session.json()) as { user?: unknown }).user).toMatchObject({ email: alice.email, username: "alice" });
  expect(await newestSessionGroups(server)).toEqual(groups);
}

async function expectRefused(server: RunningServer, reason: string) {
  const { location, jar } = await signInThroughDemoOidc(server, alice);
  expect(location).toContain("error=OAuthCallback");
  expect(jar.has(server.url, "session-token")).toBe(false);
  await expect.poll(() => lastSignInAudit(server)).toMatchObject({ outcome: "failure", reason });
  // The log line says why (not "[object Object]"), as the audit row does.
  const line = server
    .output()
    .split("\n")
    .find((l) => l.includes('"auth_error"') && l.includes(reason));
  expect(line).toBeDefined();
  expect(server.output()).not.toContain("[object Object]");
}

describe("OIDC claims the OP releases only in the userinfo answer", () => {
  const client: DemoOidcClient = { clientId: "airlock-claims", clientSecret: secret };
  let pair: OidcPair;
  beforeAll(async () => {
    pair = await startOidcPair(client);
  });
  afterAll(() => pair?.stop());

  it("reads email, name, username and groups from userinfo when the ID token lacks them", async () => {
    client.userinfoOnly = ["email", "email_verified", "name", "preferred_username", "groups"];
    await expectSignedIn(pair.server, ["engineering"]);
    const audit = await lastSignInAudit(pair.server);
    expect(audit).toMatchObject({ outcome: "success", actor: alice.email, details: { groups: ["engineering"] } });
    expect(audit?.details).not.toHaveProperty("groupsClaim");
  });

  it("refuses a userinfo answer about another subject than the ID token", async () => {
    client.userinfoOnly = ["email", "groups"];
    client.userinfoSubject = "mallory";
    try {
      await expectRefused(pair.server, "oidc_userinfo_sub_mismatch");
      const audit = await lastSignInAudit(pair.server);
      expect(String(audit?.details.message)).toContain('about subject "mallory", the ID token about "alice"');
    } finally {
      client.userinfoSubject = undefined;
    }
  });

  it("signs in with no groups when the OP sends no groups claim at all, and says so", async () => {
    client.userinfoOnly = [];
    await expectSignedIn(pair.server, ["engineering"]);
    client.withheld = ["groups"];
    try {
      await expectSignedIn(pair.server, []);
    } finally {
      client.withheld = undefined;
    }
    expect(await lastSignInAudit(pair.server)).toMatchObject({
      outcome: "success",
      details: {
        groups: [],
        groupsClaim: {
          status: "missing",
          claim: "groups",
          lookedIn: ["id_token", "userinfo"],
          previousGroups: ["engineering"],
        },
      },
    });
    const stored = await readDb(pair.server, (db) =>
      db.user.findFirst({ where: { email: alice.email }, select: { groups: true } }),
    );
    expect(stored?.groups).toBe("[]");
    expect(pair.server.output()).toMatch(/"oidc_groups_claim_missing".*"claim":"groups"/);
  });
});

// Each test starts its own Airlock and OP (the HS256 one two pairs): minutes on a loaded 2-core machine.
describe("OIDC ID token signature algorithms", { timeout: 180_000 }, () => {
  it.each(["RS512", "PS256", "ES256"] as const)("accepts an ID token signed with %s (advertised)", async (alg) => {
    const pair = await startOidcPair({ clientId: `airlock-${alg}`, clientSecret: secret, idTokenAlg: alg });
    try {
      await expectSignedIn(pair.server, ["engineering"]);
    } finally {
      await pair.stop();
    }
  });

  it("refuses HS256 (the client secret as signing key) unless AIRLOCK_OIDC_ID_TOKEN_ALG names it", async () => {
    const client: DemoOidcClient = { clientId: "airlock-hs256", clientSecret: secret, idTokenAlg: "HS256" };
    const refusing = await startOidcPair(client);
    try {
      await expectRefused(refusing.server, "oidc_id_token_alg_refused");
      const audit = await lastSignInAudit(refusing.server);
      expect(String(audit?.details.message)).toContain("signed with HS256; Airlock accepts RS256");
    } finally {
      await refusing.stop();
    }
    const accepting = await startOidcPair(client, { AIRLOCK_OIDC_ID_TOKEN_ALG: "HS256" });
    try {
      await expectSignedIn(accepting.server, ["engineering"]);
    } finally {
      await accepting.stop();
    }
  });

  it("refuses an algorithm the OP advertises when AIRLOCK_OIDC_ID_TOKEN_ALG pins others", async () => {
    const pair = await startOidcPair(
      { clientId: "airlock-pinned", clientSecret: secret, idTokenAlg: "RS512" },
      { AIRLOCK_OIDC_ID_TOKEN_ALG: "ES256,RS256" },
    );
    try {
      await expectRefused(pair.server, "oidc_id_token_alg_refused");
    } finally {
      await pair.stop();
    }
  });
});
