import { readFileSync } from "node:fs";
import { beforeAll, describe, expect, it } from "vitest";
import { SamlRejection } from "@/lib/saml/saml-rejection";
import { parseSigningMaterial, type SigningMaterial } from "@/lib/saml/signing-key";
import { validateSamlResponse } from "@/lib/saml/validate-response";
import { createSigningMaterial } from "@/tests/support/federation-fixtures";
import { encryptIdpAssertion, signIdpResponseMessage, type EncryptOptions } from "@/tests/support/saml-encryption";
import {
  ACS_URL,
  buildIdpResponse,
  IDP_ENTITY_ID,
  signIdpResponse,
  SP_ENTITY_ID,
  type ResponseOptions,
} from "@/tests/support/saml-response-builder";

// Encrypted assertions through every one of Airlock's checks: decrypted with the SP's key, then
// held to the same rules as a plain one (signature, one assertion, no wrapping).

const now = new Date("2026-11-30T12:00:00Z");
let idp: SigningMaterial;
let sp: SigningMaterial;
let otherSp: SigningMaterial;
beforeAll(async () => {
  idp = parseSigningMaterial(
    readFileSync("tests/fixtures/saml/airlock-test-key.pem", "utf8"),
    readFileSync("tests/fixtures/saml/airlock-test-cert.pem", "utf8"),
  );
  sp = await createSigningMaterial("sp-encryption");
  otherSp = await createSigningMaterial("other-sp");
}, 60_000);

const expectations = (keys = [sp.privateKey]) => ({
  idpEntityId: IDP_ENTITY_ID,
  idpCertificatesPem: [idp.certificatePem],
  spEntityId: SP_ENTITY_ID,
  acsUrl: ACS_URL,
  now,
  skewSeconds: 60,
  decryptionKeys: keys,
});
const signedThenEncrypted = (encrypt: EncryptOptions = {}, options: ResponseOptions = {}) =>
  encryptIdpAssertion(signIdpResponse(buildIdpResponse({ now, ...options }), idp), sp.certificatePem, encrypt);

function reasonOf(xml: string, keys?: SigningMaterial["privateKey"][]): string {
  try {
    validateSamlResponse(xml, expectations(keys));
  } catch (error) {
    if (error instanceof SamlRejection) return error.reason;
    throw error;
  }
  return "accepted";
}

describe("encrypted assertions that Airlock accepts", () => {
  it.each([
    ["AES-256-GCM, RSA-OAEP (mgf1p)", { content: "aes256-gcm", keyTransport: "rsa-oaep-mgf1p" }],
    ["AES-128-GCM, xmlenc11 RSA-OAEP", { content: "aes128-gcm", keyTransport: "rsa-oaep" }],
    ["AES-256-CBC, xmlenc11 RSA-OAEP with SHA-256", { content: "aes256-cbc", keyTransport: "rsa-oaep-sha256" }],
    ["AES-128-CBC, its key beside the data", { content: "aes128-cbc", keyOutside: true }],
    ["no namespace declarations of its own", { declareNamespaces: false }],
  ] as [string, EncryptOptions][])("%s: signed, then encrypted", (_, encrypt) => {
    const validated = validateSamlResponse(signedThenEncrypted(encrypt, { nameId: "alice-0001" }), expectations());
    expect(validated.nameId).toBe("alice-0001");
    expect(validated.attributes.email).toEqual(["alice@example.com"]);
  });

  it("encrypted, then the response signed: the response's signature covers the ciphertext", () => {
    const xml = signIdpResponseMessage(encryptIdpAssertion(buildIdpResponse({ now }), sp.certificatePem), idp);
    expect(validateSamlResponse(xml, expectations()).nameId).toBe("alice-0001");
  });
});

describe("encrypted assertions that Airlock refuses", () => {
  it.each([
    ["RSA 1.5 key transport", { keyTransport: "rsa-1_5" }, "encryption_algorithm"],
    ["Triple DES content", { content: "tripledes-cbc" }, "encryption_algorithm"],
  ] as [string, EncryptOptions, string][])("%s", (_, encrypt, reason) =>
    expect(reasonOf(signedThenEncrypted(encrypt))).toBe(reason),
  );

  it("encrypted to another SP's key", () => {
    const xml = encryptIdpAssertion(signIdpResponse(buildIdpResponse({ now }), idp), otherSp.certificatePem);
    expect(reasonOf(xml)).toBe("decryption_failed");
  });

  it("with no encryption key configured, with a message saying what to do", () => {
    expect(reasonOf(signedThenEncrypted(), [])).toBe("encryption_not_configured");
  });

  it("unsigned inside the encryption, and no response signature", () => {
    const xml = encryptIdpAssertion(buildIdpResponse({ now }), sp.certificatePem);
    expect(reasonOf(xml)).toBe("unsigned");
  });

  it("tampered ciphertext (GCM tag and CBC padding alike)", () => {
    for (const content of ["aes256-gcm", "aes128-cbc"] as const) {
      const xml = signedThenEncrypted({ content });
      const tampered = xml.replace(
        /(<xenc:CipherValue>[\s\S]*?<\/xenc:CipherValue><\/xenc:CipherData><\/xenc:EncryptedData>)/,
        (m) => m.replace(/<xenc:CipherValue>(.)(.)/, (_, a: string, b: string) => `<xenc:CipherValue>${b}${a}`),
      );
      expect(reasonOf(tampered)).not.toBe("accepted");
    }
  });

  it("AES-CBC with a changed IV: the padding passes, the garbled XML gets the padding failure's reason", () => {
    const xml = signedThenEncrypted({ content: "aes128-cbc" });
    // The EncryptedData's CipherValue is the last one: IV first, so its first byte changes the
    // plaintext's first byte and nothing else.
    const values = [...xml.matchAll(/<xenc:CipherValue>([^<]+)<\/xenc:CipherValue>/g)];
    const data = Buffer.from(values.at(-1)![1], "base64");
    data[0] ^= 0x01;
    const changed = xml.replace(values.at(-1)![1], data.toString("base64"));
    expect(reasonOf(changed)).toBe("decryption_failed");
  });

  it("two assertions, one of them encrypted", () => {
    const encrypted = signedThenEncrypted();
    const plain = /<saml:Assertion[\s\S]*<\/saml:Assertion>/.exec(signIdpResponse(buildIdpResponse({ now }), idp))![0];
    expect(reasonOf(encrypted.replace("</samlp:Response>", `${plain}</samlp:Response>`))).toBe("assertion_count");
    expect(reasonOf(encrypted.replace("<saml:EncryptedAssertion>", `${plain}<saml:EncryptedAssertion>`))).toBe(
      "assertion_count",
    );
  });

  it("a signed assertion wrapped inside the encrypted one, next to a forged one", () => {
    // The forged assertion carries the genuine signature; the genuine one hides in its Advice.
    const genuine = /<saml:Assertion[\s\S]*<\/saml:Assertion>/.exec(
      signIdpResponse(buildIdpResponse({ now }), idp),
    )![0];
    const forged = buildIdpResponse({ now, nameId: "mallory-0001" }).replace(
      "</saml:Subject>",
      `</saml:Subject><saml:Advice>${genuine}</saml:Advice>`,
    );
    const xml = encryptIdpAssertion(forged, sp.certificatePem);
    expect(reasonOf(xml)).toBe("assertion_count");
  });

  it("an encrypted assertion moved into the response's extensions", () => {
    const xml = signedThenEncrypted().replace(
      /(<saml:EncryptedAssertion>[\s\S]*<\/saml:EncryptedAssertion>)/,
      "<samlp:Extensions>$1</samlp:Extensions>",
    );
    expect(reasonOf(xml)).toBe("assertion_count");
  });

  it("a response signature that does not verify, over an unsigned encrypted assertion", () => {
    const xml = signIdpResponseMessage(encryptIdpAssertion(buildIdpResponse({ now }), sp.certificatePem), idp);
    expect(
      reasonOf(xml.replace(/<saml:Issuer>[^<]*<\/saml:Issuer>/, `<saml:Issuer>${IDP_ENTITY_ID}</saml:Issuer> `)),
    ).toBe("bad_signature");
  });
});
