import { randomUUID } from "node:crypto";
import { readFileSync } from "node:fs";
import { DOMParser } from "@xmldom/xmldom";
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { consumeLoginTicket, findLoginTicket } from "@/lib/auth/login-ticket";
import { resetEnvForTests } from "@/lib/env";
import { consumeSamlResponse } from "@/lib/saml/consume-response";
import { buildIdpMetadata } from "@/lib/saml/idp-metadata";
import { savePendingRequest } from "@/lib/saml/pending-requests";
import { parseSigningMaterial, type SigningMaterial } from "@/lib/saml/signing-key";
import { SamlRejection } from "@/lib/saml/validate-response";
import { createSigningMaterial } from "@/tests/support/federation-fixtures";
import {
  buildIdpResponse,
  IDP_ENTITY_ID,
  signIdpResponse,
  type ResponseOptions,
} from "@/tests/support/saml-response-builder";
import { createTempDb, type TempDb } from "@/tests/support/temp-db";

let temp: TempDb;
let idpKey: SigningMaterial;
let attackerKey: SigningMaterial;

function configure(allowIdpInitiated: boolean) {
  process.env.AIRLOCK_SAML_ALLOW_IDP_INITIATED = String(allowIdpInitiated);
  resetEnvForTests();
}

beforeAll(async () => {
  temp = await createTempDb();
  idpKey = parseSigningMaterial(
    readFileSync("tests/fixtures/saml/airlock-test-key.pem", "utf8"),
    readFileSync("tests/fixtures/saml/airlock-test-cert.pem", "utf8"),
  );
  attackerKey = await createSigningMaterial("attacker");
  Object.assign(process.env, {
    AIRLOCK_DEMO: "true",
    AIRLOCK_DATA_DIR: temp.dir,
    AIRLOCK_URL: "http://localhost:3000",
    AIRLOCK_SAML_IDP_METADATA: buildIdpMetadata({
      entityId: IDP_ENTITY_ID,
      ssoUrl: "https://idp.example.com/sso",
      certificatesBase64: [idpKey.certificateBase64],
    }),
    AIRLOCK_SAML_GROUPS_ATTRIBUTE: "groups",
  });
  configure(false);
});
afterAll(() => temp.cleanup());
beforeEach(() => configure(false));

/** A fresh SP-initiated request from "this browser". */
async function pending(relayState = "/"): Promise<{ requestId: string; nonce: string }> {
  const requestId = `_req${randomUUID()}`;
  const nonce = randomUUID().replace(/-/g, "");
  await savePendingRequest({ db: temp.db, requestId, browserNonce: nonce, relayState });
  return { requestId, nonce };
}

async function signedFor(options: ResponseOptions = {}) {
  const request = await pending();
  const xml = signIdpResponse(buildIdpResponse({ inResponseTo: request.requestId, ...options }), idpKey);
  return { xml, request };
}

function submit(xml: string, browserNonce?: string, relayState?: string) {
  return consumeSamlResponse({
    db: temp.db,
    samlResponse: Buffer.from(xml).toString("base64"),
    browserNonce,
    relayState,
  });
}

/** The identity a ticket signs in as in the browser holding `browserNonce`, using it up. */
async function redeem(ticket: string | null, browserNonce: string) {
  if (!ticket) return null;
  const found = await findLoginTicket({ db: temp.db, ticket, browserNonce });
  if (found.status !== "valid" || !(await consumeLoginTicket({ db: temp.db, ticket }))) return null;
  return { ...found.identity, passive: found.passive };
}

/** Refused with `reason`: no login ticket (so no session) and an audit event naming the reason. */
async function expectRefused(attempt: () => Promise<unknown>, reason: string) {
  const ticketsBefore = await temp.db.loginTicket.count();
  const error = await attempt().then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error, `expected a refusal for ${reason}`).toBeInstanceOf(SamlRejection);
  expect((error as SamlRejection).reason).toBe(reason);
  expect(await temp.db.loginTicket.count()).toBe(ticketsBefore);
  const audit = await temp.db.auditEvent.findFirst({ orderBy: { createdAt: "desc" } });
  expect(audit).toMatchObject({ action: "signin", outcome: "failure", reason: `saml_${reason}` });
}

describe("ACS accepts a valid response (control)", () => {
  it("hands a verified identity to next-auth through a one-time ticket", async () => {
    const { xml, request } = await signedFor();
    const { ticket, callbackUrl, browserNonce } = await submit(xml, request.nonce);
    expect(callbackUrl).toBe("/");
    expect(browserNonce).toBe(request.nonce);
    const identity = await redeem(ticket, browserNonce);
    expect(identity).toEqual({
      idp: `saml:${IDP_ENTITY_ID}`,
      subject: "alice-0001",
      email: "alice@example.com",
      name: "Alice Example",
      username: "alice",
      groups: ["engineering", "sre"],
      passive: false,
    });
    expect(await redeem(ticket, browserNonce)).toBeNull();
  });

  it("binds the ticket to the browser the answer came from: another browser's binding, or none, cannot use it", async () => {
    const { xml, request } = await signedFor();
    const { ticket } = await submit(xml, request.nonce);
    if (!ticket) throw new Error("no ticket");
    for (const browserNonce of ["x".repeat(32), undefined])
      expect(await findLoginTicket({ db: temp.db, ticket, browserNonce })).toEqual({
        status: "other_browser",
        email: "alice@example.com",
      });
    expect((await redeem(ticket, request.nonce))?.email).toBe("alice@example.com");
  });

  it("returns to the relative path the sign-in started from", async () => {
    const request = await pending("/go?account=sandbox&role=Developer");
    const xml = signIdpResponse(buildIdpResponse({ inResponseTo: request.requestId }), idpKey);
    expect((await submit(xml, request.nonce)).callbackUrl).toBe("/go?account=sandbox&role=Developer");
  });

  it("reads the subject from the signed, canonical form, so a comment cannot truncate it", async () => {
    const { xml, request } = await signedFor({
      nameId: "alice@example.com<!---->.evil.example",
      attributes: { email: ["alice@example.com<!---->.evil.example"] },
    });
    const { ticket } = await submit(xml, request.nonce);
    const identity = await redeem(ticket, request.nonce);
    expect(identity?.subject).toBe("alice@example.com.evil.example");
    expect(identity?.email).toBe("alice@example.com.evil.example");
  });
});

describe("ACS refuses forged and misdirected responses", () => {
  it("a stripped signature", async () => {
    const { xml, request } = await signedFor();
    await expectRefused(
      () => submit(xml.replace(/<ds:Signature[\s\S]*<\/ds:Signature>/, ""), request.nonce),
      "unsigned",
    );
  });

  it("a tampered assertion", async () => {
    const { xml, request } = await signedFor();
    await expectRefused(
      () =>
        submit(
          xml.replace(
            "<saml:AttributeValue>sre</saml:AttributeValue>",
            "<saml:AttributeValue>platform-admins</saml:AttributeValue>",
          ),
          request.nonce,
        ),
      "bad_signature",
    );
  });

  it("a response signed by another key, with that key's certificate embedded", async () => {
    const request = await pending();
    const xml = signIdpResponse(buildIdpResponse({ inResponseTo: request.requestId }), attackerKey);
    expect(xml).toContain("<ds:X509Certificate>");
    await expectRefused(() => submit(xml, request.nonce), "bad_signature");
  });

  it("a wrapped second assertion", async () => {
    const { xml, request } = await signedFor();
    const evil = buildIdpResponse({
      inResponseTo: request.requestId,
      attributes: { email: ["mallory@example.com"], groups: ["platform-admins"] },
    }).match(/<saml:Assertion[\s\S]*<\/saml:Assertion>/)![0];
    await expectRefused(
      () => submit(xml.replace("<saml:Assertion ", `${evil}<saml:Assertion `), request.nonce),
      "assertion_count",
    );
    // Hidden inside the signed assertion's extensions point instead: still more than one.
    await expectRefused(
      () => submit(xml.replace("</saml:Subject>", `</saml:Subject>${evil}`), request.nonce),
      "assertion_count",
    );
  });

  it("a DOCTYPE with entity declarations", async () => {
    const { xml, request } = await signedFor();
    await expectRefused(
      () => submit(`<!DOCTYPE r [<!ENTITY e SYSTEM "file:///etc/passwd">]>${xml}`, request.nonce),
      "doctype",
    );
  });

  it("a wrong audience", async () => {
    const { xml, request } = await signedFor({ audience: "https://other-sp.example.com" });
    await expectRefused(() => submit(xml, request.nonce), "wrong_audience");
  });

  it("a wrong recipient, and a wrong destination", async () => {
    const a = await signedFor({ recipient: "https://evil.example.com/acs" });
    await expectRefused(() => submit(a.xml, a.request.nonce), "wrong_recipient");
    const b = await signedFor({ destination: "https://evil.example.com/acs" });
    await expectRefused(() => submit(b.xml, b.request.nonce), "wrong_destination");
  });

  it("an expired assertion, and one not yet valid", async () => {
    const past = new Date(Date.now() - 60 * 60 * 1000);
    const a = await signedFor({ now: past });
    await expectRefused(() => submit(a.xml, a.request.nonce), "expired");
    const b = await signedFor({ notBefore: new Date(Date.now() + 10 * 60 * 1000) });
    await expectRefused(() => submit(b.xml, b.request.nonce), "not_yet_valid");
  });

  it("a missing Conditions element", async () => {
    const { xml, request } = await signedFor({ omitConditions: true });
    await expectRefused(() => submit(xml, request.nonce), "no_conditions");
  });

  it("a SHA-1 signature", async () => {
    const request = await pending();
    const xml = signIdpResponse(buildIdpResponse({ inResponseTo: request.requestId }), idpKey, { sha1: true });
    await expectRefused(() => submit(xml, request.nonce), "signature_algorithm");
  });

  it("a wrong issuer", async () => {
    const { xml, request } = await signedFor({ issuer: "https://evil-idp.example.com" });
    await expectRefused(() => submit(xml, request.nonce), "wrong_issuer");
  });
});

describe("ACS refuses XML too costly to parse, before any parser sees it", () => {
  const inside = (xml: string, extra: string) => xml.replace("</saml:Subject>", `</saml:Subject>${extra}`);
  it.each([
    ["deep nesting", "<x>".repeat(5000) + "</x>".repeat(5000), "xml_too_deep"],
    ["an element flood", "<x/>".repeat(50_000), "xml_too_many_elements"],
  ])("%s", async (_name, extra, reason) => {
    const parse = vi.spyOn(DOMParser.prototype, "parseFromString");
    try {
      const { xml, request } = await signedFor();
      await expectRefused(() => submit(inside(xml, extra), request.nonce), reason);
      expect(parse).not.toHaveBeenCalled();
      // The spy does see what reaches the parser: the same response, unpadded, is parsed and accepted.
      await submit(xml, request.nonce);
      expect(parse).toHaveBeenCalled();
    } finally {
      parse.mockRestore();
    }
  });
});

describe("ACS refuses replays and answers to requests this browser did not make", () => {
  it("a replayed response", async () => {
    const { xml, request } = await signedFor();
    await submit(xml, request.nonce);
    await expectRefused(() => submit(xml, request.nonce), "replayed");
  });

  it("an unknown InResponseTo, a reused one, and one from another browser", async () => {
    const unknown = signIdpResponse(buildIdpResponse({ inResponseTo: "_never-sent" }), idpKey);
    await expectRefused(() => submit(unknown, "n".repeat(32)), "unknown_request");

    const { xml, request } = await signedFor();
    await submit(xml, request.nonce);
    const again = signIdpResponse(buildIdpResponse({ inResponseTo: request.requestId }), idpKey);
    await expectRefused(() => submit(again, request.nonce), "unknown_request");

    const other = await signedFor();
    await expectRefused(() => submit(other.xml, "x".repeat(32)), "unknown_request");
  });

  it("an unsolicited response while IdP-initiated sign-in is off; accepted when on, with an off-site RelayState ignored", async () => {
    const unsolicited = () => signIdpResponse(buildIdpResponse(), idpKey);
    await expectRefused(() => submit(unsolicited(), undefined, "/"), "unsolicited");

    configure(true);
    for (const relayState of [
      "https://evil.example.com/",
      "//evil.example.com/x",
      "/\\evil.example.com",
      "javascript:alert(1)",
    ]) {
      expect((await submit(unsolicited(), undefined, relayState)).callbackUrl).toBe("/");
    }
    expect((await submit(unsolicited(), undefined, "/history")).callbackUrl).toBe("/history");

    // With no pending request, the ticket is bound to the browser that posted the answer: a
    // fresh binding unless it already had one.
    const fresh = await submit(unsolicited());
    expect(fresh.browserNonce).toMatch(/^[\w-]{32}$/);
    expect(await redeem(fresh.ticket, "x".repeat(32))).toBeNull();
    expect((await redeem(fresh.ticket, fresh.browserNonce))?.email).toBe("alice@example.com");
    expect((await submit(unsolicited(), "y".repeat(32))).browserNonce).toBe("y".repeat(32));
  });
});
