import { generateKeyPairSync, verify, type KeyObject } from "node:crypto";
import { readFileSync } from "node:fs";
import { deflateRawSync, inflateRawSync } from "node:zlib";
import { SignedXml } from "xml-crypto";
import { describe, expect, it } from "vitest";
import { checkLogoutRequest, checkLogoutResponse } from "@/lib/saml/logout-checks";
import { buildLogoutRequestXml, buildLogoutResponseXml, STATUS } from "@/lib/saml/logout-messages";
import { readSignedLogoutMessage } from "@/lib/saml/read-logout-message";
import { buildSignedRedirectUrl, readSignedRedirect } from "@/lib/saml/redirect-binding";
import { parseSamlXml } from "@/lib/saml/saml-dom";
import { SamlRejection } from "@/lib/saml/saml-rejection";

const keyPem = readFileSync("tests/fixtures/saml/airlock-test-key.pem", "utf8");
const certPem = readFileSync("tests/fixtures/saml/airlock-test-cert.pem", "utf8");
const { privateKey: otherKey } = generateKeyPairSync("rsa", { modulusLength: 2048 });

const IDP = "https://idp.example.com/metadata";
const SLO = "http://localhost:3000/api/saml/slo";
const now = new Date("2026-12-01T09:00:00Z");
const expect_ = { idpEntityId: IDP, sloUrl: SLO, now, skewSeconds: 60 };

const request = (o: { issuer?: string; destination?: string; at?: Date; sessionIndex?: string } = {}) =>
  buildLogoutRequestXml({
    id: "_req1",
    now: o.at ?? now,
    destination: o.destination ?? SLO,
    issuer: o.issuer ?? IDP,
    handle: {
      nameId: "alice-0001",
      format: "urn:oasis:names:tc:SAML:2.0:nameid-format:persistent",
      sessionIndex: o.sessionIndex,
    },
  });

function reason(fn: () => unknown): string | undefined {
  try {
    fn();
  } catch (error) {
    if (error instanceof SamlRejection) return error.reason;
    throw error;
  }
  return undefined;
}

const queryOf = (url: string) => new URL(url).search.slice(1);

describe("HTTP-Redirect binding", () => {
  it("signs the query string as the binding says, and verifies it back", () => {
    const url = buildSignedRedirectUrl({
      endpoint: "https://idp.example.com/slo?x=1",
      param: "SAMLRequest",
      xml: request(),
      relayState: "r s",
      privateKey: keyPem,
    });
    const params = new URL(url).searchParams;
    expect(params.get("x")).toBe("1");
    expect(params.get("SigAlg")).toBe("http://www.w3.org/2001/04/xmldsig-more#rsa-sha256");
    expect(inflateRawSync(Buffer.from(params.get("SAMLRequest")!, "base64")).toString()).toBe(request());
    // What an IdP verifies: the raw parameters in binding order, independently of Airlock's reader.
    const raw = queryOf(url)
      .split("&")
      .filter((p) => !p.startsWith("x=") && !p.startsWith("Signature="));
    expect(raw.map((p) => p.split("=")[0])).toEqual(["SAMLRequest", "RelayState", "SigAlg"]);
    const signature = Buffer.from(params.get("Signature")!, "base64");
    expect(verify("sha256", Buffer.from(raw.join("&")), certPem, signature)).toBe(true);
    const read = readSignedRedirect({
      rawQuery: queryOf(url).replace("x=1&", ""),
      param: "SAMLRequest",
      certificatesPem: [certPem],
    });
    expect(read).toEqual({ xml: request(), relayState: "r s" });
  });

  it.each([
    ["another key", (q: string) => q, otherKey, "bad_signature"],
    [
      "a changed message",
      (q: string) =>
        q.replace(
          /SAMLRequest=[^&]+/,
          `SAMLRequest=${encodeURIComponent(deflateRawSync(request({ issuer: "https://evil" })).toString("base64"))}`,
        ),
      keyPem,
      "bad_signature",
    ],
    ["a changed RelayState", (q: string) => q.replace("RelayState=a", "RelayState=b"), keyPem, "bad_signature"],
    ["no signature", (q: string) => q.replace(/&Signature=.*$/, ""), keyPem, "unsigned"],
    [
      "SHA-1",
      (q: string) =>
        q.replace(/SigAlg=[^&]+/, `SigAlg=${encodeURIComponent("http://www.w3.org/2000/09/xmldsig#rsa-sha1")}`),
      keyPem,
      "signature_algorithm",
    ],
    ["a repeated parameter", (q: string) => `${q}&SAMLRequest=x`, keyPem, "duplicate_parameter"],
  ])("refuses %s", (_name, change, key, expected) => {
    const url = buildSignedRedirectUrl({
      endpoint: "https://idp.example.com/slo",
      param: "SAMLRequest",
      xml: request(),
      relayState: "a",
      privateKey: key,
    });
    expect(
      reason(() =>
        readSignedRedirect({ rawQuery: change(queryOf(url)), param: "SAMLRequest", certificatesPem: [certPem] }),
      ),
    ).toBe(expected);
  });

  it("refuses a message that inflates past the limit", () => {
    const bomb = `<a>${"x".repeat(200_000)}</a>`;
    const url = buildSignedRedirectUrl({
      endpoint: "https://idp.example.com/slo",
      param: "SAMLRequest",
      xml: bomb,
      privateKey: keyPem,
    });
    expect(
      reason(() => readSignedRedirect({ rawQuery: queryOf(url), param: "SAMLRequest", certificatesPem: [certPem] })),
    ).toBe("not_deflated");
  });
});

describe("LogoutRequest checks", () => {
  const check = (xml: string, at = now) => checkLogoutRequest(parseSamlXml(xml, "x"), { ...expect_, now: at });

  it("reads the NameID, its format and the session indexes", () => {
    expect(check(request({ sessionIndex: "_s1" }))).toMatchObject({
      id: "_req1",
      nameId: "alice-0001",
      format: "urn:oasis:names:tc:SAML:2.0:nameid-format:persistent",
      sessionIndexes: ["_s1"],
    });
    expect(check(request()).sessionIndexes).toEqual([]);
  });

  it.each([
    ["another issuer", request({ issuer: "https://evil.example.com" }), now, "wrong_issuer"],
    ["another destination", request({ destination: "https://elsewhere/slo" }), now, "wrong_destination"],
    ["an old request", request({ at: new Date(now.getTime() - 10 * 60_000) }), now, "expired"],
    ["a request from the future", request({ at: new Date(now.getTime() + 5 * 60_000) }), now, "not_yet_valid"],
    ["no NameID", request().replace(/<saml:NameID[^>]*>[^<]*<\/saml:NameID>/, ""), now, "no_subject"],
    [
      "an encrypted NameID",
      request().replace(/<saml:NameID[^>]*>[^<]*<\/saml:NameID>/, "<saml:EncryptedID/>"),
      now,
      "encrypted_name_id",
    ],
    [
      "a LogoutResponse",
      buildLogoutResponseXml({
        id: "_r",
        now,
        destination: SLO,
        issuer: IDP,
        inResponseTo: "_x",
        status: STATUS.success,
      }),
      now,
      "wrong_message",
    ],
  ])("refuses %s", (_name, xml, at, expected) => {
    expect(reason(() => check(xml, at))).toBe(expected);
  });

  it("refuses a request past its NotOnOrAfter", () => {
    expect(reason(() => check(request(), new Date(now.getTime() + 6 * 60_000)))).toBe("expired");
  });
});

describe("LogoutResponse checks", () => {
  const response = (status: string, inResponseTo = "_req1") =>
    buildLogoutResponseXml({ id: "_resp", now, destination: SLO, issuer: IDP, inResponseTo, status });
  const check = (xml: string) => checkLogoutResponse(parseSamlXml(xml, "x"), expect_);

  it("reads the request answered and whether it succeeded", () => {
    expect(check(response(STATUS.success))).toEqual({
      inResponseTo: "_req1",
      statusCodes: [STATUS.success],
      isSuccess: true,
    });
    expect(check(response(STATUS.responder)).isSuccess).toBe(false);
  });

  it("refuses a response that answers nothing", () => {
    expect(reason(() => check(response(STATUS.success, "")))).toBe("no_in_response_to");
  });
});

describe("POST binding", () => {
  function signEnveloped(xml: string, key: string | KeyObject) {
    const signer = new SignedXml({
      privateKey: typeof key === "string" ? key : key.export({ type: "pkcs8", format: "pem" }),
      signatureAlgorithm: "http://www.w3.org/2001/04/xmldsig-more#rsa-sha256",
      canonicalizationAlgorithm: "http://www.w3.org/2001/10/xml-exc-c14n#",
    });
    signer.addReference({
      xpath: "/*",
      digestAlgorithm: "http://www.w3.org/2001/04/xmlenc#sha256",
      transforms: ["http://www.w3.org/2000/09/xmldsig#enveloped-signature", "http://www.w3.org/2001/10/xml-exc-c14n#"],
    });
    signer.computeSignature(xml, { location: { reference: "/*/*[local-name(.)='Issuer']", action: "after" } });
    return Buffer.from(signer.getSignedXml()).toString("base64");
  }
  const read = (encoded: string) =>
    readSignedLogoutMessage({
      rawQuery: "",
      form: new URLSearchParams({ SAMLRequest: encoded }),
      certificatesPem: [certPem],
    });

  it("reads an enveloped-signed LogoutRequest", () => {
    const message = read(signEnveloped(request(), keyPem));
    expect(message.param).toBe("SAMLRequest");
    expect(checkLogoutRequest(message.root, expect_).nameId).toBe("alice-0001");
  });

  it("refuses one signed by another key, and an unsigned one", () => {
    expect(reason(() => read(signEnveloped(request(), otherKey)))).toBe("bad_signature");
    expect(reason(() => read(Buffer.from(request()).toString("base64")))).toBe("unsigned");
  });

  it("refuses both a request and a response at once", () => {
    const form = new URLSearchParams({ SAMLRequest: "a", SAMLResponse: "b" });
    expect(reason(() => readSignedLogoutMessage({ rawQuery: "", form, certificatesPem: [certPem] }))).toBe(
      "no_message",
    );
  });
});
