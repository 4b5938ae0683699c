import { readFileSync } from "node:fs";
import { beforeAll, describe, expect, it } from "vitest";
import {
  checkAssertionIssuer,
  checkAudience,
  checkBearerConfirmation,
  checkTimeWindow,
  readAttributes,
  readNameId,
} from "@/lib/saml/assertion-checks";
import {
  checkDestination,
  checkInResponseTo,
  checkIsResponse,
  checkResponseIssuer,
  checkResponseText,
  checkStatus,
  findSingleAssertion,
  MAX_SAML_RESPONSE_BYTES,
} from "@/lib/saml/response-checks";
import { child, parseSamlXml, SAML_NS } from "@/lib/saml/saml-dom";
import { SamlRejection, SamlStatusRejection } from "@/lib/saml/saml-rejection";
import { parseSigningMaterial, type SigningMaterial } from "@/lib/saml/signing-key";
import { validateSamlResponse } from "@/lib/saml/validate-response";
import {
  checkSignatureAlgorithms,
  checkSignatureCoverage,
  verifyResponseSignature,
} from "@/lib/saml/verify-response-signature";
import { createSigningMaterial } from "@/tests/support/federation-fixtures";
import {
  ACS_URL,
  buildIdpResponse,
  buildIdpStatusResponse,
  IDP_ENTITY_ID,
  signIdpResponse,
  SP_ENTITY_ID,
  type ResponseOptions,
} from "@/tests/support/saml-response-builder";

// Each of Airlock's checks on a SAML Response on its own, then all of them in their order. The
// database-backed ACS suite (tests/integration/saml/acs.test.ts) sends the same attacks over HTTP.

const now = new Date("2026-11-30T12:00:00Z");
const clock = { now, skewSeconds: 60 };
const minutes = (n: number) => new Date(now.getTime() + n * 60_000);

let idp: SigningMaterial;
let other: SigningMaterial;
beforeAll(async () => {
  idp = parseSigningMaterial(
    readFileSync("tests/fixtures/saml/airlock-test-key.pem", "utf8"),
    readFileSync("tests/fixtures/saml/airlock-test-cert.pem", "utf8"),
  );
  other = await createSigningMaterial("other-idp");
}, 60_000);

const responseOf = (xml: string) => parseSamlXml(xml, "SAML response");
const assertionOf = (options: ResponseOptions = {}) =>
  child(responseOf(buildIdpResponse({ now, ...options })), SAML_NS.assertion, "Assertion")!;
const signed = (options: ResponseOptions = {}) => signIdpResponse(buildIdpResponse({ now, ...options }), idp);

function reasonOf(check: () => unknown): string {
  try {
    check();
  } catch (error) {
    if (error instanceof SamlRejection) return error.reason;
    throw error;
  }
  return "accepted";
}

describe("checks on the response before its signature", () => {
  it.each([
    ["a normal response", buildIdpResponse(), "accepted"],
    [
      "more than 256 KiB",
      buildIdpResponse().replace("</samlp:Response>", `${" ".repeat(MAX_SAML_RESPONSE_BYTES)}</samlp:Response>`),
      "too_large",
    ],
    ["a DOCTYPE", `<!DOCTYPE r>${buildIdpResponse()}`, "doctype"],
    ["an entity declaration", `<!ENTITY e "x">${buildIdpResponse()}`, "doctype"],
  ])("text: %s → %s", (_, xml, reason) => expect(reasonOf(() => checkResponseText(xml))).toBe(reason));

  it("refuses a document that is not a SAML 2.0 Response, and XML that is not well-formed", () => {
    const request = `<samlp:AuthnRequest xmlns:samlp="${SAML_NS.protocol}" ID="_x"/>`;
    expect(reasonOf(() => checkIsResponse(responseOf(request)))).toBe("not_a_response");
    expect(reasonOf(() => checkIsResponse(responseOf(buildIdpResponse())))).toBe("accepted");
    expect(reasonOf(() => responseOf("<samlp:Response>"))).toBe("malformed_xml");
  });

  it.each([
    [ACS_URL, "accepted"],
    ["https://evil.example.com/acs", "wrong_destination"],
  ])("destination %s → %s", (destination, reason) =>
    expect(reasonOf(() => checkDestination(responseOf(buildIdpResponse({ destination })), ACS_URL))).toBe(reason),
  );

  it("refuses a response Issuer other than the IdP, and accepts none", () => {
    expect(reasonOf(() => checkResponseIssuer(responseOf(buildIdpResponse()), IDP_ENTITY_ID))).toBe("accepted");
    const evil = responseOf(buildIdpResponse({ issuer: "https://evil.example.com" }));
    expect(reasonOf(() => checkResponseIssuer(evil, IDP_ENTITY_ID))).toBe("wrong_issuer");
    const none = responseOf(buildIdpResponse().replace(/<saml:Issuer>[^<]*<\/saml:Issuer>/, ""));
    expect(reasonOf(() => checkResponseIssuer(none, IDP_ENTITY_ID))).toBe("accepted");
  });

  it("refuses a status other than Success with its codes and the request it answers", () => {
    expect(reasonOf(() => checkStatus(responseOf(buildIdpResponse())))).toBe("accepted");
    const codes = ["urn:oasis:names:tc:SAML:2.0:status:Responder", "urn:oasis:names:tc:SAML:2.0:status:NoPassive"];
    const refusal = (() => {
      try {
        checkStatus(responseOf(buildIdpStatusResponse({ inResponseTo: "_req1", statusCodes: codes })));
      } catch (error) {
        return error;
      }
    })();
    expect(refusal).toBeInstanceOf(SamlStatusRejection);
    expect(refusal).toMatchObject({ reason: "status_not_success", inResponseTo: "_req1", statusCodes: codes });
  });

  it.each([
    ["one assertion", (xml: string) => xml, "accepted"],
    ["none", (xml: string) => xml.replace(/<saml:Assertion [\s\S]*<\/saml:Assertion>/, ""), "assertion_count"],
    [
      "a second one wrapped in the subject",
      (xml: string) => xml.replace("</saml:Subject>", `</saml:Subject><saml:Assertion ID="_evil"/>`),
      "assertion_count",
    ],
    [
      "an encrypted one",
      (xml: string) => xml.replace("</samlp:Response>", `<saml:EncryptedAssertion/></samlp:Response>`),
      "assertion_count",
    ],
  ])("assertions: %s → %s", (_, change, reason) =>
    expect(reasonOf(() => findSingleAssertion(responseOf(change(buildIdpResponse()))))).toBe(reason),
  );

  it("refuses a response whose InResponseTo is not the one of its signed assertion", () => {
    const response = responseOf(buildIdpResponse({ inResponseTo: "_req1" }));
    expect(reasonOf(() => checkInResponseTo(response, "_req1"))).toBe("accepted");
    expect(reasonOf(() => checkInResponseTo(response, "_req2"))).toBe("in_response_to_mismatch");
    expect(reasonOf(() => checkInResponseTo(responseOf(buildIdpResponse()), null))).toBe("accepted");
  });
});

describe("the signature", () => {
  const parts = (xml: string) => {
    const response = responseOf(xml);
    const assertion = child(response, SAML_NS.assertion, "Assertion")!;
    return { response, assertion, signature: child(assertion, SAML_NS.dsig, "Signature")! };
  };
  const verify = (xml: string, certificates = [idp.certificatePem]) =>
    verifyResponseSignature({ xml, ...parts(xml), certificates });

  it("returns the canonical assertion it covers, verified with a pinned certificate", () => {
    const canonical = verify(signed({ nameId: "alice-0001" }), [other.certificatePem, idp.certificatePem]);
    expect(canonical).toMatch(/^<saml:Assertion /);
    expect(canonical).toContain(">alice-0001</saml:NameID>");
  });

  it.each([
    ["unsigned", () => buildIdpResponse({ now }), "unsigned"],
    ["tampered after signing", () => signed().replace("alice-0001", "mallory-0001"), "bad_signature"],
    ["by a key that is not pinned", () => signIdpResponse(buildIdpResponse({ now }), other), "bad_signature"],
  ])("refuses a response %s", (_, build, reason) => expect(reasonOf(() => verify(build()))).toBe(reason));

  it("refuses SHA-1, as the signature method or as the digest", () => {
    const sha1 = parts(signIdpResponse(buildIdpResponse({ now }), idp, { sha1: true }));
    expect(reasonOf(() => checkSignatureAlgorithms(sha1.signature))).toBe("signature_algorithm");
    const digest = parts(
      signed().replace("http://www.w3.org/2001/04/xmlenc#sha256", "http://www.w3.org/2000/09/xmldsig#sha1"),
    );
    expect(reasonOf(() => checkSignatureAlgorithms(digest.signature))).toBe("digest_algorithm");
    expect(reasonOf(() => checkSignatureAlgorithms(parts(signed()).signature))).toBe("accepted");
  });

  it("refuses a signature that covers another element, or an ID used twice", () => {
    const good = parts(signed({ assertionId: "_a1" }));
    expect(reasonOf(() => checkSignatureCoverage(good.response, good.signature, good.assertion))).toBe("accepted");
    const elsewhere = parts(signed({ assertionId: "_a1" }).replace('URI="#_a1"', 'URI="#_other"'));
    expect(reasonOf(() => checkSignatureCoverage(elsewhere.response, elsewhere.signature, elsewhere.assertion))).toBe(
      "signature_reference",
    );
    const twice = parts(
      signed({ assertionId: "_a1" }).replace("<samlp:Status>", '<samlp:Extensions ID="_a1"/><samlp:Status>'),
    );
    expect(reasonOf(() => checkSignatureCoverage(twice.response, twice.signature, twice.assertion))).toBe(
      "signature_reference",
    );
  });
});

describe("checks on the signed assertion", () => {
  it("refuses an assertion Issuer other than the IdP", () => {
    expect(checkAssertionIssuer(assertionOf(), IDP_ENTITY_ID)).toBe(IDP_ENTITY_ID);
    expect(reasonOf(() => checkAssertionIssuer(assertionOf({ issuer: "https://evil" }), IDP_ENTITY_ID))).toBe(
      "wrong_issuer",
    );
  });

  it.each([
    ["valid now", {}, "accepted"],
    ["expired", { notBefore: minutes(-10), notOnOrAfter: minutes(-2) }, "expired"],
    ["expired less than the skew ago", { notBefore: minutes(-10), notOnOrAfter: minutes(-0.5) }, "accepted"],
    ["not valid yet", { notBefore: minutes(2), notOnOrAfter: minutes(10) }, "not_yet_valid"],
    ["valid within the skew", { notBefore: minutes(0.5), notOnOrAfter: minutes(10) }, "accepted"],
    ["without Conditions", { omitConditions: true }, "no_conditions"],
  ] as [string, ResponseOptions, string][])("time window: %s → %s", (_, options, reason) =>
    expect(reasonOf(() => checkTimeWindow(assertionOf(options), clock))).toBe(reason),
  );

  it("refuses Conditions without NotOnOrAfter, and a time that is not one", () => {
    const without = buildIdpResponse({ now }).replace(
      / NotOnOrAfter="[^"]*"><saml:AudienceRestriction>/,
      "><saml:AudienceRestriction>",
    );
    const assertion = child(responseOf(without), SAML_NS.assertion, "Assertion")!;
    expect(reasonOf(() => checkTimeWindow(assertion, clock))).toBe("no_expiry");
    const garbled = buildIdpResponse({ now }).replace(/NotBefore="[^"]*"/, 'NotBefore="yesterday"');
    expect(reasonOf(() => checkTimeWindow(child(responseOf(garbled), SAML_NS.assertion, "Assertion")!, clock))).toBe(
      "bad_time",
    );
  });

  it.each([
    [SP_ENTITY_ID, "accepted"],
    ["urn:amazon:webservices", "wrong_audience"],
  ])("audience %s → %s", (audience, reason) =>
    expect(reasonOf(() => checkAudience(assertionOf({ audience }), SP_ENTITY_ID))).toBe(reason),
  );

  it("reads the NameID and refuses an empty one", () => {
    expect(readNameId(assertionOf({ nameId: " alice-0001 " }))).toBe("alice-0001");
    expect(reasonOf(() => readNameId(assertionOf({ nameId: "" })))).toBe("no_subject");
  });

  it.each([
    ["for Airlock's ACS, unexpired", {}, "accepted"],
    ["for another recipient", { recipient: "https://evil.example.com/acs" }, "wrong_recipient"],
    ["expired", { notOnOrAfter: minutes(-2) }, "confirmation_expired"],
  ] as [string, ResponseOptions, string][])("bearer confirmation %s → %s", (_, options, reason) =>
    expect(reasonOf(() => checkBearerConfirmation(assertionOf(options), { ...clock, acsUrl: ACS_URL }))).toBe(reason),
  );

  it("refuses a subject confirmation that is not bearer, and returns the request a bearer one answers", () => {
    const holder = buildIdpResponse({ now }).replace("cm:bearer", "cm:holder-of-key");
    const assertion = child(responseOf(holder), SAML_NS.assertion, "Assertion")!;
    expect(reasonOf(() => checkBearerConfirmation(assertion, { ...clock, acsUrl: ACS_URL }))).toBe(
      "no_bearer_confirmation",
    );
    expect(checkBearerConfirmation(assertionOf({ inResponseTo: "_req1" }), { ...clock, acsUrl: ACS_URL })).toEqual({
      expiresAt: minutes(5).getTime(),
      inResponseTo: "_req1",
    });
  });

  it("reads every attribute's values, trimmed, a repeated attribute's values together", () => {
    const xml = buildIdpResponse({
      now,
      attributes: { email: ["alice@example.com"], groups: [" sre ", "dev"] },
    }).replace(
      "</saml:AttributeStatement>",
      '<saml:Attribute Name="groups"><saml:AttributeValue>ops</saml:AttributeValue></saml:Attribute></saml:AttributeStatement>',
    );
    expect(readAttributes(child(responseOf(xml), SAML_NS.assertion, "Assertion")!)).toEqual({
      email: ["alice@example.com"],
      groups: ["sre", "dev", "ops"],
    });
  });
});

describe("validateSamlResponse", () => {
  const expectations = () => ({
    idpEntityId: IDP_ENTITY_ID,
    idpCertificatesPem: [idp.certificatePem],
    spEntityId: SP_ENTITY_ID,
    acsUrl: ACS_URL,
    ...clock,
  });

  it("returns the identity read from the signed assertion, kept until its earliest expiry plus the skew", () => {
    const result = validateSamlResponse(signed({ assertionId: "_a1", inResponseTo: "_req1" }), expectations());
    expect(result).toEqual({
      assertionId: "_a1",
      issuer: IDP_ENTITY_ID,
      nameId: "alice-0001",
      nameIdFormat: "urn:oasis:names:tc:SAML:2.0:nameid-format:persistent",
      inResponseTo: "_req1",
      expiresAt: minutes(6),
      attributes: { email: ["alice@example.com"], name: ["Alice Example"], groups: ["engineering", "sre"] },
      verifiedXml: expect.stringContaining('<saml:Assertion ID="_a1"'),
      // What a single logout names the person and the IdP session by, exactly as asserted.
      logoutHandle: {
        nameId: "alice-0001",
        format: "urn:oasis:names:tc:SAML:2.0:nameid-format:persistent",
        nameQualifier: undefined,
        spNameQualifier: undefined,
        sessionIndex: "_a1",
      },
      // When the IdP says the person authenticated: step-up guardrails read it.
      authnInstant: now.getTime(),
    });
  });

  it("refuses a NameID changed after signing, even one hidden in a comment", () => {
    const xml = signed({ nameId: "alice-0001" }).replace(">alice-0001<", ">alice-0001<!-- -->.evil<");
    expect(reasonOf(() => validateSamlResponse(xml, expectations()))).toBe("bad_signature");
  });
});
