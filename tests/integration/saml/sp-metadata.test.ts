import { readFileSync } from "node:fs";
import { inflateRawSync } from "node:zlib";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ensureDemoEncryptionMaterial, ensureDemoSigningMaterial } from "@/lib/saml/demo-keys";
import { buildSpMetadata } from "@/lib/saml/sp-metadata";
import { startSamlLogin } from "@/lib/saml/start-login";
import { parseXmlStrict } from "@/lib/xml/parse-xml";
import { acsHarness, configureSaml, loadTestIdpKey } from "@/tests/support/acs-harness";
import { signIdpResponseMessage } from "@/tests/support/saml-encryption";
import { buildIdpResponse } from "@/tests/support/saml-response-builder";
import { createTempDb, type TempDb } from "@/tests/support/temp-db";

// What Airlock's SP metadata and AuthnRequest tell the IdP, read as the IdP reads them, and that
// Airlock's behaviour agrees with it.

const MD = "urn:oasis:names:tc:SAML:2.0:metadata";
let temp: TempDb;
let encryptionCertBase64: string;

beforeAll(async () => {
  temp = await createTempDb();
  const { certPath } = await ensureDemoEncryptionMaterial(temp.dir);
  // The metadata also publishes the certificate Airlock signs its logout messages with.
  await ensureDemoSigningMaterial(temp.dir);
  encryptionCertBase64 = readFileSync(certPath, "utf8").replace(/-----[A-Z ]+-----|\s+/g, "");
  configureSaml(temp, loadTestIdpKey());
}, 60_000);
afterAll(() => temp.cleanup());

/** The AuthnRequest in the redirect to the IdP, decoded as the IdP decodes it. */
async function authnRequest() {
  const { location } = await startSamlLogin({ db: temp.db, callbackUrl: "/", cookieHeader: null });
  const encoded = new URL(location).searchParams.get("SAMLRequest") ?? "";
  const root = parseXmlStrict(inflateRawSync(Buffer.from(encoded, "base64")).toString("utf8"))!;
  return root.getElementsByTagNameNS("urn:oasis:names:tc:SAML:2.0:protocol", "NameIDPolicy")[0];
}

describe("the SP metadata", () => {
  it("does not claim assertions must be signed, since a signed response is accepted too", async () => {
    const descriptor = parseXmlStrict(buildSpMetadata())!.getElementsByTagNameNS(MD, "SPSSODescriptor")[0];
    expect(descriptor.getAttribute("WantAssertionsSigned")).toBe("false");

    // And Airlock does accept a response whose only signature covers the whole message.
    const acs = acsHarness(temp);
    const request = await acs.pending();
    const xml = signIdpResponseMessage(buildIdpResponse({ inResponseTo: request.requestId }), loadTestIdpKey());
    const { ticket } = await acs.submit(xml, request.nonce);
    expect((await acs.redeem(ticket, request.nonce))?.email).toBe("alice@example.com");
  });

  it("publishes the encryption certificate with the algorithms Airlock accepts, and not RSA 1.5", () => {
    const root = parseXmlStrict(buildSpMetadata())!;
    const keys = Array.from(root.getElementsByTagNameNS(MD, "KeyDescriptor"));
    const encryption = keys.find((k) => k.getAttribute("use") === "encryption");
    expect(encryption?.textContent?.replace(/\s+/g, "")).toContain(encryptionCertBase64);
    const methods = Array.from(encryption!.getElementsByTagNameNS(MD, "EncryptionMethod")).map((m) =>
      m.getAttribute("Algorithm"),
    );
    expect(methods).toEqual([
      "http://www.w3.org/2009/xmlenc11#aes256-gcm",
      "http://www.w3.org/2009/xmlenc11#aes128-gcm",
      "http://www.w3.org/2001/04/xmlenc#aes256-cbc",
      "http://www.w3.org/2001/04/xmlenc#aes128-cbc",
      "http://www.w3.org/2009/xmlenc11#rsa-oaep",
      "http://www.w3.org/2001/04/xmlenc#rsa-oaep-mgf1p",
    ]);
  });
});

describe("the AuthnRequest", () => {
  it("asks for a persistent NameID the IdP may create on a first sign-in", async () => {
    const policy = await authnRequest();
    expect(policy.getAttribute("Format")).toBe("urn:oasis:names:tc:SAML:2.0:nameid-format:persistent");
    expect(policy.getAttribute("AllowCreate")).toBe("true");
  });

  it("asks for no particular NameID when people are keyed on an attribute", async () => {
    configureSaml(temp, loadTestIdpKey(), { AIRLOCK_SAML_SUBJECT_ATTRIBUTE: "uid" });
    const policy = await authnRequest();
    expect(policy.getAttribute("Format")).toBe("urn:oasis:names:tc:SAML:1.1:nameid-format:unspecified");
    expect(policy.getAttribute("AllowCreate")).toBe("true");
  });
});
