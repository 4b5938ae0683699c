import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { startEmulator, type Emulator } from "@/dev/aws-emulator/server";
import { buildDemoState } from "@/dev/aws-emulator/state";
import { createDb, type Db } from "@/lib/db/client";
import { seedDemo } from "@/prisma/seed";
import { createCliHome } from "@/tests/support/cli-home";
import { signInTerminal } from "@/tests/support/device-flow";
import { metadataFor } from "@/tests/support/federation-fixtures";
import {
  alice,
  postAcs,
  redeemTicket,
  samlAnswerFrom,
  samlServerEnv,
  signInOverHttp,
  startSamlSignIn,
  testIdpKey,
  ticketOf,
} from "@/tests/support/http-session";
import { startServer, type RunningServer } from "@/tests/support/server";

// The step-up guardrail over real HTTP against the built app and the AWS emulator: a role that
// needs an IdP authentication within 15 minutes is issued only when the IdP's own word (the SAML
// AuthnInstant) is that recent, not merely when Airlock's session is alive; otherwise the person is
// sent through the IdP with ForceAuthn, STS is never asked and the refusal is audited. A terminal
// is told where to sign in again, and a browser sign-in then counts for it.

const role = { accountId: "333333333333", roleName: "ReadOnly" };
const minutesAgo = (minutes: number) => new Date(Date.now() - minutes * 60_000);

let emulator: Emulator;
let server: RunningServer;
let db: Db;

beforeAll(async () => {
  const state = buildDemoState({});
  for (const provider of state.providers) provider.metadataXml = metadataFor(testIdpKey);
  emulator = await startEmulator({ state });
  server = await startServer(
    samlServerEnv({ AIRLOCK_STS_ENDPOINT: emulator.url, AIRLOCK_SIGNIN_ENDPOINT: `${emulator.url}/federation` }),
  );
  db = createDb(server.databaseUrl);
  await seedDemo(db);
  await db.role.updateMany({ where: { accountId: role.accountId, name: role.roleName }, data: { stepUpMinutes: 15 } });
});
afterAll(async () => {
  await db?.$disconnect();
  await server?.stop();
  await emulator?.close();
});
beforeEach(async () => {
  emulator.requests.length = 0;
  await db.auditEvent.deleteMany();
});

const assumeCalls = () => emulator.requests.filter((r) => r.action === "AssumeRoleWithSAML");

function postCredentials(auth: { cookie: string } | { authorization: string }): Promise<Response> {
  return fetch(`${server.url}/api/credentials`, {
    method: "POST",
    headers: { ...auth, "content-type": "application/json" },
    body: JSON.stringify(role),
  });
}

const refreshPath = "/signin/refresh?idp=saml&callbackUrl=%2F&interactive=1&fresh=1";

describe("a role that needs a recent IdP authentication", () => {
  it("is issued when the IdP authenticated the person within the window", async () => {
    const session = await signInOverHttp(server, alice, { authnInstant: minutesAgo(14) });
    const issued = await postCredentials({ cookie: session });
    expect(issued.status).toBe(200);
    expect(assumeCalls()).toHaveLength(1);
  });

  it("is refused (401 step_up_required) before STS, and audited, when the IdP's authentication is older", async () => {
    // Airlock's own session is brand new: only the IdP's AuthnInstant is 20 minutes old.
    const session = await signInOverHttp(server, alice, { authnInstant: minutesAgo(20) });
    const refused = await postCredentials({ cookie: session });
    expect(refused.status).toBe(401);
    const { error } = (await refused.json()) as { error: Record<string, unknown> };
    expect(error).toMatchObject({ code: "step_up_required", reason: "step_up_required", refreshUrl: refreshPath });
    expect(error.message).toBe(
      "production / ReadOnly needs a sign-in at your identity provider within the last 15 minutes (yours was 20 minutes ago).",
    );
    expect(assumeCalls()).toEqual([]);
    const rows = await db.auditEvent.findMany({ where: { action: "credentials.issue" } });
    expect(rows.map((r) => [r.outcome, r.reason, r.roleName])).toEqual([["denied", "step_up_required", "ReadOnly"]]);
  });

  it("sends a console click through the IdP again, then to the /go confirmation of the same request", async () => {
    const session = await signInOverHttp(server, alice, { authnInstant: minutesAgo(30) });
    const clicked = await fetch(`${server.url}/api/console?${new URLSearchParams({ ...role, region: "eu-west-1" })}`, {
      headers: { cookie: session, "sec-fetch-site": "same-origin", "sec-fetch-user": "?1" },
      redirect: "manual",
    });
    expect(clicked.status).toBe(303);
    const location = new URL(clicked.headers.get("location")!, server.url);
    expect(location.pathname).toBe("/signin/refresh");
    expect(Object.fromEntries(location.searchParams)).toEqual({
      idp: "saml",
      interactive: "1",
      fresh: "1",
      callbackUrl: "/go?account=333333333333&role=ReadOnly&region=eu-west-1",
    });
    expect(assumeCalls()).toEqual([]);
  });

  it("answers a /go link with what is needed and a link through the IdP (never a redirect that could loop)", async () => {
    const session = await signInOverHttp(server, alice, { authnInstant: minutesAgo(30) });
    const opened = await fetch(`${server.url}/go?account=production&role=ReadOnly`, {
      headers: { cookie: session },
      redirect: "manual",
    });
    expect(opened.status).toBe(200);
    const html = await opened.text();
    expect(html).toContain("Sign in again first");
    expect(html).toContain(
      "production / ReadOnly needs a sign-in at your identity provider within the last 15 minutes (yours was 30 minutes ago).",
    );
    const href = /href="(\/signin\/refresh[^"]*)"/.exec(html)?.[1].replaceAll("&amp;", "&");
    const link = new URL(href!, server.url);
    expect(Object.fromEntries(link.searchParams)).toEqual({
      idp: "saml",
      interactive: "1",
      fresh: "1",
      callbackUrl: "/go?account=333333333333&role=ReadOnly",
    });
    expect(assumeCalls()).toEqual([]);
  });

  it("asks the IdP for ForceAuthn on the fresh sign-in, whose new AuthnInstant then satisfies the role", async () => {
    const { requestXml } = await startSamlSignIn(server, "callbackUrl=/&force=1");
    expect(requestXml).toMatch(/<samlp:AuthnRequest [^>]*ForceAuthn="true"/);
    expect(requestXml).not.toContain("IsPassive");
    const ordinary = await startSamlSignIn(server, "callbackUrl=/");
    expect(ordinary.requestXml).not.toContain("ForceAuthn");

    const stale = await signInOverHttp(server, alice, { authnInstant: minutesAgo(40) });
    expect((await postCredentials({ cookie: stale })).status).toBe(401);
    const fresh = await signInOverHttp(server, alice);
    expect((await postCredentials({ cookie: fresh })).status).toBe(200);
  });

  it("never moves the IdP authentication back on a passive refresh that reports an older one", async () => {
    const session = await signInOverHttp(server, alice);
    const answer = await samlAnswerFrom(server, alice, "callbackUrl=/&passive=1", minutesAgo(60));
    await redeemTicket(server, ticketOf(await postAcs(server, answer)), `${answer.cookie}; ${session}`);
    expect((await postCredentials({ cookie: session })).status).toBe(200);
  });

  it("does not believe an authentication time ahead of Airlock's clock (an IdP clock running ahead, or forged)", async () => {
    const session = await signInOverHttp(server, alice, { authnInstant: minutesAgo(30) });
    // A silent (passive) answer claiming an authentication an hour from now.
    const answer = await samlAnswerFrom(server, alice, "callbackUrl=/&passive=1", new Date(Date.now() + 3_600_000));
    await redeemTicket(server, ticketOf(await postAcs(server, answer)), `${answer.cookie}; ${session}`);
    expect((await postCredentials({ cookie: session })).status).toBe(401);
    expect(server.output()).toContain('"event":"idp_auth_time_in_future"');
  });

  it("is refused when the IdP never said when it authenticated the person", async () => {
    const session = await signInOverHttp(server, alice);
    await db.session.updateMany({ where: { kind: "browser", revokedAt: null }, data: { idpAuthenticatedAt: null } });
    const refused = await postCredentials({ cookie: session });
    expect(refused.status).toBe(401);
    expect(((await refused.json()) as { error: { message: string } }).error.message).toContain(
      "(your identity provider did not say when you last signed in)",
    );
  });
});

describe("a terminal", () => {
  let cli: ReturnType<typeof createCliHome>;
  let token: string;

  beforeAll(async () => {
    const session = await signInOverHttp(server, alice, { authnInstant: minutesAgo(25) });
    // The terminal takes the approving browser's IdP authentication time, not the moment it signed in.
    token = await signInTerminal(server, session);
    cli = createCliHome({ url: server.url, token, email: alice.email });
  }, 90_000);
  afterAll(() => cli?.remove());

  it("is told where to sign in again (the CLI exits 12); a browser sign-in then counts for it", async () => {
    const refused = await postCredentials({ authorization: `Bearer ${token}` });
    expect(refused.status).toBe(401);
    const { error } = (await refused.json()) as { error: { message: string } };
    // AIRLOCK_URL (the SAML entity ids') names the portal the person opens.
    expect(error.message).toMatch(
      /^production \/ ReadOnly needs a sign-in at your identity provider within the last 15 minutes \(yours was 25 minutes ago\)\. Sign in again in your browser at http:\/\/localhost:3000\/signin\/refresh\?idp=saml&callbackUrl=%2F&interactive=1&fresh=1, then try again\.$/,
    );

    const refusedCli = await cli.airlock("creds", "--account", "production", "--role", "ReadOnly");
    expect(refusedCli.code).toBe(12);
    expect(refusedCli.stderr).toContain(
      "production / ReadOnly needs a sign-in at your identity provider within the last 15 minutes",
    );
    expect(assumeCalls()).toEqual([]);

    await signInOverHttp(server, alice);
    expect((await postCredentials({ authorization: `Bearer ${token}` })).status).toBe(200);
    const listed = await fetch(`${server.url}/api/entitlements`, { headers: { authorization: `Bearer ${token}` } });
    const body = (await listed.json()) as {
      session: { idpAuthenticatedAt?: string };
      roles: { roleName: string; accountId: string; stepUpMinutes?: number }[];
    };
    expect(Date.now() - Date.parse(body.session.idpAuthenticatedAt!)).toBeLessThan(5 * 60_000);
    expect(body.roles.find((r) => r.accountId === role.accountId && r.roleName === role.roleName)).toMatchObject({
      stepUpMinutes: 15,
    });
  });
});
