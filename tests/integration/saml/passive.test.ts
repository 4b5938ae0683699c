import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createDb, type Db } from "@/lib/db/client";
import { parseXmlStrict } from "@/lib/xml/parse-xml";
import {
  alice,
  postAcs,
  postTicket,
  redeemTicket,
  samlAnswerFrom,
  samlServerEnv,
  sessionCookieOf,
  startSamlSignIn,
  ticketOf,
} from "@/tests/support/http-session";
import { buildIdpStatusResponse } from "@/tests/support/saml-response-builder";
import { startServer, type RunningServer } from "@/tests/support/server";

/**
 * Refreshing a session's groups through a passive SAML round trip, over real HTTP against the
 * built app: the request says IsPassive, an IdP's "no" (NoPassive) to this browser's passive
 * request leads to an ordinary sign-in, and a "yes" reaches next-auth marked passive.
 */

const NO_PASSIVE = ["urn:oasis:names:tc:SAML:2.0:status:Responder", "urn:oasis:names:tc:SAML:2.0:status:NoPassive"];
const passiveQuery = `passive=1&callbackUrl=${encodeURIComponent("/admin?tab=1")}`;

let server: RunningServer;
let db: Db;
beforeAll(async () => {
  server = await startServer(samlServerEnv());
  db = createDb(server.databaseUrl);
}, 90_000);
afterAll(async () => {
  await db?.$disconnect();
  await server?.stop();
});

function noPassiveAnswer(start: { cookie: string; requestId: string }, cookie = start.cookie) {
  const xml = buildIdpStatusResponse({ inResponseTo: start.requestId, statusCodes: NO_PASSIVE });
  return postAcs(server, { cookie, body: new URLSearchParams({ SAMLResponse: Buffer.from(xml).toString("base64") }) });
}

async function signInEvents(email: string) {
  const events = await db.auditEvent.findMany({
    where: { action: "signin", outcome: "success", actor: email },
    orderBy: { createdAt: "asc" },
  });
  return events.map((e) => JSON.parse(e.details ?? "{}") as { passive?: boolean; groups?: string[] });
}

describe("passive SAML sign-in", () => {
  it("sends IsPassive only when asked to", async () => {
    const passive = await startSamlSignIn(server, passiveQuery);
    expect(parseXmlStrict(passive.requestXml)?.getAttribute("IsPassive")).toBe("true");
    const ordinary = await startSamlSignIn(server);
    expect(parseXmlStrict(ordinary.requestXml)?.hasAttribute("IsPassive")).toBe(false);
  });

  it("answers NoPassive to this browser's passive request with an ordinary sign-in to the same place", async () => {
    const response = await noPassiveAnswer(await startSamlSignIn(server, passiveQuery));
    expect(response.status).toBe(303);
    expect(response.headers.get("location")).toBe(`/api/saml/login?callbackUrl=${encodeURIComponent("/admin?tab=1")}`);
  });

  it("shows the error page for NoPassive to an ordinary request, to another browser's request, or twice", async () => {
    const ordinary = await noPassiveAnswer(await startSamlSignIn(server));
    expect(ordinary.headers.get("location")).toBe("/signin/error?reason=saml_status");

    const otherBrowser = await noPassiveAnswer(await startSamlSignIn(server, passiveQuery), "");
    expect(otherBrowser.headers.get("location")).toBe("/signin/error?reason=saml_status");

    const start = await startSamlSignIn(server, passiveQuery);
    expect((await noPassiveAnswer(start)).headers.get("location")).toMatch(/^\/api\/saml\/login\?/);
    expect((await noPassiveAnswer(start)).headers.get("location")).toBe("/signin/error?reason=saml_status");
  });

  it("marks a successful passive answer as passive when next-auth redeems it, and an ordinary one not", async () => {
    let session = "";
    for (const [query, groups] of [
      [undefined, ["sre"]],
      [passiveQuery, ["ops"]],
    ] as const) {
      const person = { ...alice, email: "passive-alice@example.com", groups: [...groups] };
      const answer = await samlAnswerFrom(server, person, query);
      const accepted = await postAcs(server, answer);
      const location = accepted.headers.get("location") ?? "";
      expect(location).toMatch(/^\/signin\/saml#ticket=/);
      const ticket = new URLSearchParams(location.split("#")[1]).get("ticket")!;
      const cookie = await redeemTicket(server, ticket, [answer.cookie, session].filter(Boolean).join("; "));
      session ||= cookie;
    }
    const events = await signInEvents("passive-alice@example.com");
    expect(events.map((e) => e.passive ?? false)).toEqual([false, true]);
    expect(events[1].groups).toEqual(["ops"]);
    // The passive answer refreshed the browser's one session rather than opening another.
    const rows = await db.session.findMany({ where: { user: { email: "passive-alice@example.com" } } });
    expect(rows.map((r) => [r.groups, r.revokedAt])).toEqual([[JSON.stringify(["ops"]), null]]);
  });

  it("opens no session from a passive answer in a browser with no live session", async () => {
    const answer = await samlAnswerFrom(server, { ...alice, email: "nobody-yet@example.com" }, passiveQuery);
    const ticket = ticketOf(await postAcs(server, answer));
    const refused = await postTicket(server, ticket, answer.cookie);
    expect(sessionCookieOf(refused)).toBeUndefined();
    expect(await db.session.count({ where: { user: { email: "nobody-yet@example.com" } } })).toBe(0);
  });
});
