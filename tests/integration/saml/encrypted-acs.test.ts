import { readFileSync } from "node:fs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ensureDemoEncryptionMaterial } from "@/lib/saml/demo-keys";
import type { SigningMaterial } from "@/lib/saml/signing-key";
import { acsHarness, configureSaml, loadTestIdpKey } from "@/tests/support/acs-harness";
import { createSigningMaterial } from "@/tests/support/federation-fixtures";
import { encryptIdpAssertion, signIdpResponseMessage, type EncryptOptions } from "@/tests/support/saml-encryption";
import { buildIdpResponse, signIdpResponse, type ResponseOptions } from "@/tests/support/saml-response-builder";
import { createTempDb, type TempDb } from "@/tests/support/temp-db";

// Encrypted assertions through the whole ACS use case (Airlock's checks, then samlify's gate, the
// replay cache and the pending request), with the SP encryption key demo mode generates.

let temp: TempDb;
let idpKey: SigningMaterial;
let otherSp: SigningMaterial;
let spCertificatePem: string;
let acs: ReturnType<typeof acsHarness>;

beforeAll(async () => {
  temp = await createTempDb();
  idpKey = loadTestIdpKey();
  otherSp = await createSigningMaterial("other-sp");
  spCertificatePem = readFileSync((await ensureDemoEncryptionMaterial(temp.dir)).certPath, "utf8");
  configureSaml(temp, idpKey);
  acs = acsHarness(temp);
}, 60_000);
afterAll(() => temp.cleanup());

async function encryptedFor(encrypt: EncryptOptions = {}, options: ResponseOptions = {}) {
  const request = await acs.pending();
  const signed = signIdpResponse(buildIdpResponse({ inResponseTo: request.requestId, ...options }), idpKey);
  return { xml: encryptIdpAssertion(signed, spCertificatePem, encrypt), request };
}

describe("ACS accepts encrypted assertions", () => {
  it.each([
    ["AES-256-GCM with RSA-OAEP (mgf1p)", { content: "aes256-gcm" }],
    ["AES-128-CBC with xmlenc11 RSA-OAEP", { content: "aes128-cbc", keyTransport: "rsa-oaep" }],
  ] as [string, EncryptOptions][])("signed, then encrypted: %s", async (_, encrypt) => {
    const { xml, request } = await encryptedFor(encrypt);
    const { ticket } = await acs.submit(xml, request.nonce);
    expect(await acs.redeem(ticket, request.nonce)).toMatchObject({
      subject: "alice-0001",
      email: "alice@example.com",
    });
  });

  it("encrypted, then the response signed (Shibboleth's default)", async () => {
    const request = await acs.pending();
    const xml = signIdpResponseMessage(
      encryptIdpAssertion(buildIdpResponse({ inResponseTo: request.requestId }), spCertificatePem),
      idpKey,
    );
    const { ticket } = await acs.submit(xml, request.nonce);
    expect((await acs.redeem(ticket, request.nonce))?.email).toBe("alice@example.com");
  });

  it("refuses the same encrypted assertion twice", async () => {
    const { xml, request } = await encryptedFor();
    await acs.submit(xml, request.nonce);
    await acs.expectRefused(() => acs.submit(xml, request.nonce), "replayed");
  });
});

describe("ACS refuses hostile encrypted assertions, with the reason audited", () => {
  it("RSA 1.5 key transport", async () => {
    const { xml, request } = await encryptedFor({ keyTransport: "rsa-1_5" });
    const refusal = await acs.expectRefused(() => acs.submit(xml, request.nonce), "encryption_algorithm");
    expect(refusal.message).toContain("rsa-1_5");
  });

  it("an assertion encrypted to another key", async () => {
    const request = await acs.pending();
    const signed = signIdpResponse(buildIdpResponse({ inResponseTo: request.requestId }), idpKey);
    const xml = encryptIdpAssertion(signed, otherSp.certificatePem);
    await acs.expectRefused(() => acs.submit(xml, request.nonce), "decryption_failed");
  });

  it("an unsigned assertion inside the encryption", async () => {
    const request = await acs.pending();
    const xml = encryptIdpAssertion(buildIdpResponse({ inResponseTo: request.requestId }), spCertificatePem);
    await acs.expectRefused(() => acs.submit(xml, request.nonce), "unsigned");
  });

  it("two assertions, one of them encrypted", async () => {
    const { xml, request } = await encryptedFor();
    const evil = buildIdpResponse({
      inResponseTo: request.requestId,
      attributes: { email: ["mallory@example.com"], groups: ["platform-admins"] },
    }).match(/<saml:Assertion[\s\S]*<\/saml:Assertion>/)![0];
    await acs.expectRefused(
      () => acs.submit(xml.replace("<saml:EncryptedAssertion>", `${evil}<saml:EncryptedAssertion>`), request.nonce),
      "assertion_count",
    );
  });

  it("a signed assertion wrapped inside a forged one, encrypted together", async () => {
    const request = await acs.pending();
    const genuine = signIdpResponse(buildIdpResponse({ inResponseTo: request.requestId }), idpKey).match(
      /<saml:Assertion[\s\S]*<\/saml:Assertion>/,
    )![0];
    const forged = buildIdpResponse({
      inResponseTo: request.requestId,
      attributes: { email: ["mallory@example.com"], groups: ["platform-admins"] },
    }).replace("</saml:Subject>", `</saml:Subject><saml:Advice>${genuine}</saml:Advice>`);
    const xml = encryptIdpAssertion(forged, spCertificatePem);
    await acs.expectRefused(() => acs.submit(xml, request.nonce), "assertion_count");
  });

  it("an encrypted assertion when Airlock has no encryption key, saying what to configure", async () => {
    const { xml, request } = await encryptedFor();
    configureSaml(temp, idpKey, { AIRLOCK_DEMO: "false", AIRLOCK_SECRET: "s".repeat(40) });
    try {
      const refusal = await acs.expectRefused(() => acs.submit(xml, request.nonce), "encryption_not_configured");
      expect(refusal.message).toContain("AIRLOCK_SAML_ENCRYPTION_KEY");
    } finally {
      configureSaml(temp, idpKey, { AIRLOCK_DEMO: "true", AIRLOCK_SECRET: undefined });
    }
  });
});
