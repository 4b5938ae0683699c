import { generateKeyPairSync, verify, type KeyObject } from "node:crypto";
import { inflateRawSync } from "node:zlib";
import { SignedXml } from "xml-crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createDb, type Db } from "@/lib/db/client";
import { buildIdpMetadata } from "@/lib/saml/idp-metadata";
import { buildLogoutRequestXml, buildLogoutResponseXml, STATUS } from "@/lib/saml/logout-messages";
import { buildSignedRedirectUrl } from "@/lib/saml/redirect-binding";
import { cookiesOf, samlServerEnv, signInOverHttp, testIdpKey } from "@/tests/support/http-session";
import { IDP_ENTITY_ID } from "@/tests/support/saml-response-builder";
import { startServer, type RunningServer } from "@/tests/support/server";

// SAML single logout over real HTTP: Airlock's SLO endpoint against a corporate IdP that signs with
// the test key (which here is also Airlock's own signing key; a forger uses a key of its own).
const IDP_SLO = "https://idp.example.com/slo";
const AIRLOCK_SLO = "http://localhost:3000/api/saml/slo";
const PERSISTENT = "urn:oasis:names:tc:SAML:2.0:nameid-format:persistent";
const { privateKey: forgerKey } = generateKeyPairSync("rsa", { modulusLength: 2048 });

let server: RunningServer;
let db: Db;

beforeAll(async () => {
  server = await startServer(
    samlServerEnv({
      AIRLOCK_SAML_IDP_METADATA: buildIdpMetadata({
        entityId: IDP_ENTITY_ID,
        ssoUrl: "https://idp.example.com/sso",
        sloUrl: IDP_SLO,
        certificatesBase64: [testIdpKey.certificateBase64],
      }),
    }),
  );
  db = createDb(server.databaseUrl);
}, 180_000);

afterAll(async () => {
  await db?.$disconnect();
  await server?.stop();
});

/** The home page's status for a session cookie: 200 while the session lives, 307 to sign-in once it ended. */
const homeStatus = async (cookie: string) =>
  (await fetch(`${server.url}/`, { headers: { cookie }, redirect: "manual" })).status;

async function signIn(email: string) {
  const cookie = await signInOverHttp(server, { email, groups: ["engineering"] });
  const row = await db.session.findFirstOrThrow({ orderBy: { createdAt: "desc" } });
  return { cookie, row };
}

/** Verifies a redirect-bound message as the IdP would (Airlock's certificate) and returns its XML. */
function readAirlockRedirect(location: string, param: "SAMLRequest" | "SAMLResponse"): string {
  const query = new URL(location).search.slice(1);
  const parts = query.split("&");
  const signed = parts.filter((p) => !p.startsWith("Signature=")).join("&");
  const signature = Buffer.from(decodeURIComponent(parts.find((p) => p.startsWith("Signature="))!.slice(10)), "base64");
  expect(verify("sha256", Buffer.from(signed), testIdpKey.certificatePem, signature), "signed by Airlock").toBe(true);
  const value = new URL(location).searchParams.get(param)!;
  return inflateRawSync(Buffer.from(value, "base64")).toString("utf8");
}

const idpRequest = (o: { nameId: string; sessionIndex?: string; issuer?: string; id?: string }) =>
  buildLogoutRequestXml({
    id: o.id ?? `_lr${crypto.randomUUID()}`,
    now: new Date(),
    destination: AIRLOCK_SLO,
    issuer: o.issuer ?? IDP_ENTITY_ID,
    handle: { nameId: o.nameId, format: PERSISTENT, sessionIndex: o.sessionIndex },
  });

/** GET /api/saml/slo with a message signed by `key` (the IdP's, unless forged). */
function sendRedirect(param: "SAMLRequest" | "SAMLResponse", xml: string, key = testIdpKey.privateKey, cookie = "") {
  const url = buildSignedRedirectUrl({ endpoint: AIRLOCK_SLO, param, xml, relayState: "rs", privateKey: key });
  return fetch(`${server.url}/api/saml/slo${new URL(url).search}`, { redirect: "manual", headers: { cookie } });
}

async function signOut(cookie: string) {
  const out = await fetch(`${server.url}/api/auth/logout`, { method: "POST", redirect: "manual", headers: { cookie } });
  expect(out.status).toBe(303);
  return out;
}

describe("SAML metadata", () => {
  it("publishes the SingleLogoutService (both bindings) and the key logout messages are signed with", async () => {
    const xml = await (await fetch(`${server.url}/api/saml/sp/metadata`)).text();
    expect(xml).toContain(`Binding="urn:oasis:names:tc:SAML:2.0:bindings:HTTP-Redirect" Location="${AIRLOCK_SLO}"`);
    expect(xml).toContain(`Binding="urn:oasis:names:tc:SAML:2.0:bindings:HTTP-POST" Location="${AIRLOCK_SLO}"`);
    expect(xml).toMatch(/<KeyDescriptor use="signing">/);
    expect(xml.replace(/\s+/g, "")).toContain(testIdpKey.certificateBase64);
  });
});

describe("SP-initiated SAML logout", () => {
  it("ends the session first, sends a signed LogoutRequest naming the person as the IdP did, and accepts the answer once", async () => {
    const { cookie, row } = await signIn("alice@example.com");
    expect(row).toMatchObject({ idpSubject: "alice@example.com", idp: `saml:${IDP_ENTITY_ID}` });
    expect(row.idpSessionId).toMatch(/^_a/);
    const out = await signOut(cookie);
    // Local first: the session is over before the IdP has answered anything.
    expect(await homeStatus(cookie)).toBe(307);
    expect(await db.session.findUniqueOrThrow({ where: { id: row.id } })).toMatchObject({
      revokeReason: "signed out",
      idpLogout: null,
    });
    expect(out.headers.getSetCookie().some((c) => /^next-auth\.session-token=;.*Max-Age=0/.test(c))).toBe(true);
    const location = out.headers.get("location")!;
    expect(location.startsWith(`${IDP_SLO}?SAMLRequest=`)).toBe(true);
    const request = readAirlockRedirect(location, "SAMLRequest");
    expect(request).toContain(`Destination="${IDP_SLO}"`);
    expect(request).toContain(`<saml:Issuer>http://localhost:3000/api/saml/sp/metadata</saml:Issuer>`);
    expect(request).toContain(`<saml:NameID Format="${PERSISTENT}">alice@example.com</saml:NameID>`);
    expect(request).toContain(`<samlp:SessionIndex>${row.idpSessionId}</samlp:SessionIndex>`);

    const requestId = /ID="([^"]+)"/.exec(request)![1];
    const browser = cookiesOf(out)
      .filter((c) => c.startsWith("airlock_saml_browser="))
      .join("; ");
    const answer = buildLogoutResponseXml({
      id: `_resp${crypto.randomUUID()}`,
      now: new Date(),
      destination: AIRLOCK_SLO,
      issuer: IDP_ENTITY_ID,
      inResponseTo: requestId,
      status: STATUS.success,
    });
    // Another browser (no binding cookie) cannot use the answer.
    expect((await sendRedirect("SAMLResponse", answer)).status).toBe(400);
    const done = await sendRedirect("SAMLResponse", answer, testIdpKey.privateKey, browser);
    expect(done.status).toBe(303);
    expect(done.headers.get("location")).toBe("/signin?signedOut=1");
    const replay = await sendRedirect("SAMLResponse", answer, testIdpKey.privateKey, browser);
    expect(replay.status).toBe(400);
    expect(await replay.text()).toContain("does not match a logout this browser started");
  });

  it("says so when the IdP could not end its session, and refuses a forged answer", async () => {
    const { cookie } = await signIn("alice@example.com");
    const out = await signOut(cookie);
    const requestId = /ID="([^"]+)"/.exec(readAirlockRedirect(out.headers.get("location")!, "SAMLRequest"))![1];
    const browser = cookiesOf(out)
      .filter((c) => c.startsWith("airlock_saml_browser="))
      .join("; ");
    const answer = (status: string) =>
      buildLogoutResponseXml({
        id: `_resp${crypto.randomUUID()}`,
        now: new Date(),
        destination: AIRLOCK_SLO,
        issuer: IDP_ENTITY_ID,
        inResponseTo: requestId,
        status,
      });
    const forged = await sendRedirect("SAMLResponse", answer(STATUS.success), forgerKey, browser);
    expect(forged.status).toBe(400);
    expect(await forged.text()).toContain("The signature is not valid for the IdP");
    const failed = await sendRedirect("SAMLResponse", answer(STATUS.responder), testIdpKey.privateKey, browser);
    expect(failed.headers.get("location")).toBe("/signin?signedOut=1&idpLogout=failed");
  });
});

describe("IdP-initiated SAML logout", () => {
  it("ends only the session it names, answers with a signed LogoutResponse, and cannot be replayed", async () => {
    const first = await signIn("carol@example.com");
    const second = await signIn("carol@example.com");
    const other = await signIn("dave@example.com");
    const xml = idpRequest({ nameId: "carol@example.com", sessionIndex: first.row.idpSessionId! });
    const answer = await sendRedirect("SAMLRequest", xml);
    expect(answer.status).toBe(303);
    const location = answer.headers.get("location")!;
    expect(location.startsWith(`${IDP_SLO}?SAMLResponse=`)).toBe(true);
    expect(new URL(location).searchParams.get("RelayState")).toBe("rs");
    const response = readAirlockRedirect(location, "SAMLResponse");
    expect(response).toContain(`InResponseTo="${/ID="([^"]+)"/.exec(xml)![1]}"`);
    expect(response).toContain(`Destination="${IDP_SLO}"`);
    expect(response).toContain(`<samlp:StatusCode Value="${STATUS.success}"/>`);
    expect(await homeStatus(first.cookie)).toBe(307);
    expect(await homeStatus(second.cookie)).toBe(200);
    expect(await homeStatus(other.cookie)).toBe(200);

    expect((await sendRedirect("SAMLRequest", xml)).status).toBe(400);
    // Without a SessionIndex: every session of that person at this IdP, and no one else's.
    expect((await sendRedirect("SAMLRequest", idpRequest({ nameId: "carol@example.com" }))).status).toBe(303);
    expect(await homeStatus(second.cookie)).toBe(307);
    expect(await homeStatus(other.cookie)).toBe(200);
  });

  it("refuses forged, unsigned and foreign requests, audits them, and ends nothing", async () => {
    const { cookie } = await signIn("erin@example.com");
    const auditsBefore = await db.auditEvent.count({ where: { action: "logout", outcome: "failure" } });
    const forged = await sendRedirect("SAMLRequest", idpRequest({ nameId: "erin@example.com" }), forgerKey);
    expect(forged.status).toBe(400);
    expect(await forged.text()).toContain("Nothing was signed out");
    const foreign = await sendRedirect(
      "SAMLRequest",
      idpRequest({ nameId: "erin@example.com", issuer: "https://evil.example.com/metadata" }),
    );
    expect(foreign.status).toBe(400);
    const signedUrl = buildSignedRedirectUrl({
      endpoint: AIRLOCK_SLO,
      param: "SAMLRequest",
      xml: idpRequest({ nameId: "erin@example.com" }),
      privateKey: testIdpKey.privateKey,
    });
    const unsigned = await fetch(`${server.url}/api/saml/slo${new URL(signedUrl).search.replace(/&SigAlg=.*$/, "")}`, {
      redirect: "manual",
    });
    expect(unsigned.status).toBe(400);
    expect(await homeStatus(cookie)).toBe(200);
    const audits = await db.auditEvent.findMany({
      where: { action: "logout", outcome: "failure" },
      orderBy: { createdAt: "asc" },
      skip: auditsBefore,
    });
    expect(audits.map((a) => a.reason)).toEqual([
      "saml_logout_bad_signature",
      "saml_logout_wrong_issuer",
      "saml_logout_unsigned",
    ]);
  });

  it("accepts the POST binding with an enveloped signature, and refuses it forged", async () => {
    const { cookie } = await signIn("frank@example.com");
    const post = (key: KeyObject) => {
      const signer = new SignedXml({
        privateKey: key.export({ type: "pkcs8", format: "pem" }),
        signatureAlgorithm: "http://www.w3.org/2001/04/xmldsig-more#rsa-sha256",
        canonicalizationAlgorithm: "http://www.w3.org/2001/10/xml-exc-c14n#",
      });
      signer.addReference({
        xpath: "/*",
        digestAlgorithm: "http://www.w3.org/2001/04/xmlenc#sha256",
        transforms: [
          "http://www.w3.org/2000/09/xmldsig#enveloped-signature",
          "http://www.w3.org/2001/10/xml-exc-c14n#",
        ],
      });
      signer.computeSignature(idpRequest({ nameId: "frank@example.com" }), {
        location: { reference: "/*/*[local-name(.)='Issuer']", action: "after" },
      });
      return fetch(`${server.url}/api/saml/slo`, {
        method: "POST",
        redirect: "manual",
        headers: { "content-type": "application/x-www-form-urlencoded" },
        body: new URLSearchParams({ SAMLRequest: Buffer.from(signer.getSignedXml()).toString("base64") }),
      });
    };
    expect((await post(forgerKey)).status).toBe(400);
    expect(await homeStatus(cookie)).toBe(200);
    expect((await post(testIdpKey.privateKey)).status).toBe(303);
    expect(await homeStatus(cookie)).toBe(307);
  });
});
