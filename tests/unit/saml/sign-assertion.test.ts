import { webcrypto, X509Certificate } from "node:crypto";
import { readFileSync } from "node:fs";
import { DOMParser, type Element as XmlElement } from "@xmldom/xmldom";
import fc from "fast-check";
import { ExclusiveCanonicalization, SignedXml } from "xml-crypto";
import * as xmldsig from "xmldsigjs";
import { beforeAll, describe, expect, it } from "vitest";
import { verifySamlResponse } from "@/dev/aws-emulator/verify-saml";
import { AWS_ATTRIBUTE, buildAssertionResponse } from "@/lib/saml/build-assertion";
import { signAssertion } from "@/lib/saml/sign-assertion";
import { parseSigningMaterial, type SigningMaterial } from "@/lib/saml/signing-key";
import { ASSERTION_NOW as now, assertionInput as input } from "@/tests/support/assertion-input";

// Airlock signs without a DOM: the builder writes the Assertion in exclusive canonical form and
// the signer digests that text. These tests hold it to two XML signature implementations that
// work on a parsed document, xml-crypto (canonicalization, signing, verification) and xmldsigjs
// (verification), and to the AWS emulator, on values chosen to break XML.

xmldsig.Application.setEngine("NodeJS", webcrypto as unknown as Crypto);

const SAML = "urn:oasis:names:tc:SAML:2.0:assertion";
const DS = "http://www.w3.org/2000/09/xmldsig#";
const RSA_SHA256 = "http://www.w3.org/2001/04/xmldsig-more#rsa-sha256";
const EXC_C14N = "http://www.w3.org/2001/10/xml-exc-c14n#";

const parse = (xml: string) => new DOMParser().parseFromString(xml, "text/xml");
const signatureOf = (xml: string) => parse(xml).getElementsByTagNameNS(DS, "Signature")[0] as XmlElement;
const text = (xml: string, ns: string, name: string) => parse(xml).getElementsByTagNameNS(ns, name)[0]?.textContent;

function verifiesWithXmlCrypto(signed: string, certificatePem: string): boolean {
  const verifier = new SignedXml({ publicCert: certificatePem });
  verifier.loadSignature(signatureOf(signed) as unknown as Node);
  try {
    return verifier.checkSignature(signed);
  } catch {
    return false;
  }
}

async function verifiesWithXmldsigjs(signed: string, certificateBase64: string): Promise<boolean> {
  const doc = parse(signed);
  const verifier = new xmldsig.SignedXml(doc as unknown as Document);
  verifier.LoadXml(doc.getElementsByTagNameNS(DS, "Signature")[0] as unknown as Element);
  const spki = new X509Certificate(Buffer.from(certificateBase64, "base64")).publicKey.export({
    type: "spki",
    format: "der",
  });
  const key = await webcrypto.subtle.importKey("spki", spki, { name: "RSASSA-PKCS1-v1_5", hash: "SHA-256" }, true, [
    "verify",
  ]);
  return verifier.Verify(key as unknown as CryptoKey).catch(() => false); // it throws on a wrong digest
}

const ASSERTION_XPATH = "/*[local-name(.)='Response']/*[local-name(.)='Assertion']";

/**
 * How Airlock signed before: xml-crypto on a parsed document (deterministic: PKCS#1 v1.5). By
 * default the Assertion with exclusive c14n, the Signature after its Issuer; `options` sign
 * other shapes for the emulator to judge.
 */
function signWithXmlCrypto(
  xml: string,
  signing: SigningMaterial,
  { target = ASSERTION_XPATH, c14n = EXC_C14N }: { target?: string; c14n?: string } = {},
): string {
  const signer = new SignedXml({
    privateKey: signing.privateKey,
    publicCert: signing.certificatePem,
    signatureAlgorithm: RSA_SHA256,
    canonicalizationAlgorithm: c14n,
  });
  signer.addReference({
    xpath: target,
    digestAlgorithm: "http://www.w3.org/2001/04/xmlenc#sha256",
    transforms: ["http://www.w3.org/2000/09/xmldsig#enveloped-signature", c14n],
  });
  signer.computeSignature(xml, {
    prefix: "ds",
    location: { reference: `${target}/*[local-name(.)='Issuer']`, action: "after" },
  });
  return signer.getSignedXml();
}

// Strings made to break XML: markup, entities, quotes, whitespace canonicalization rewrites,
// characters XML forbids, lone surrogates, astral characters, and anything else.
const hostileString = fc
  .array(
    fc.oneof(
      { weight: 3, arbitrary: fc.string({ unit: "binary", maxLength: 8 }) },
      {
        weight: 2,
        arbitrary: fc.constantFrom(
          "&",
          "<",
          ">",
          '"',
          "'",
          "\r",
          "\n",
          "\r\n",
          "\t",
          " ",
          "\u0000",
          "\u0085",
          "\u2028",
          "\u2029",
          "\uFFFE",
          "\uD800",
          "😀",
          "]]>",
          "&amp;",
          "&#xD;",
          "<!-- -->",
          "<![CDATA[x]]>",
          '"/><x y="',
          "</saml:AttributeValue></saml:Attribute>",
          "</saml:Assertion>",
          'xmlns:saml="urn:x"',
        ),
      },
    ),
    { maxLength: 12 },
  )
  .map((parts) => parts.join(""));

const hostileInput = fc.record({
  issuer: hostileString,
  recipient: hostileString,
  audience: hostileString,
  nameId: hostileString,
  roleSessionName: hostileString,
  sourceIdentity: fc.option(hostileString, { nil: undefined }),
  tags: fc.array(fc.record({ key: hostileString, value: hostileString }), { maxLength: 3 }),
});

/** What survives in XML: the characters XML 1.0 allows but NEL, LS and PS (the builder drops the rest). */
const xmlChars = (value: string) =>
  value.replace(/[^\x09\x0A\x0D\x20-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]|[\x85\u2028\u2029]/gu, "");

describe("signAssertion", () => {
  let signing: SigningMaterial;
  /** The AWS emulator's verification, with this test's key registered for Airlock's issuer. */
  const verifyWithEmulator = (xml: string) =>
    verifySamlResponse({
      xml,
      metadata: { entityId: input.issuer, certificatesBase64: [signing.certificateBase64] },
      audience: input.audience,
      recipient: input.recipient,
      now,
    });
  beforeAll(() => {
    signing = parseSigningMaterial(
      readFileSync("tests/fixtures/saml/airlock-test-key.pem", "utf8"),
      readFileSync("tests/fixtures/saml/airlock-test-cert.pem", "utf8"),
    );
  });

  it("signs the Assertion with RSA-SHA256 and exclusive c14n, right after its Issuer", () => {
    const signed = signAssertion({ unsigned: buildAssertionResponse(input), signing });
    const signature = signatureOf(signed);
    expect((signature.parentNode as XmlElement).localName).toBe("Assertion");
    expect((signature.previousSibling as XmlElement).localName).toBe("Issuer");
    const algorithm = (name: string) => signature.getElementsByTagNameNS(DS, name)[0].getAttribute("Algorithm");
    expect(algorithm("SignatureMethod")).toBe(RSA_SHA256);
    expect(algorithm("CanonicalizationMethod")).toBe(EXC_C14N);
    expect(algorithm("DigestMethod")).toBe("http://www.w3.org/2001/04/xmlenc#sha256");
    expect(signature.getElementsByTagNameNS(DS, "Reference")[0].getAttribute("URI")).toBe("#_assertion1");
    expect(text(signed, DS, "X509Certificate")).toBe(signing.certificateBase64);

    expect(verifiesWithXmlCrypto(signed, signing.certificatePem)).toBe(true);
    const tampered = signed.replace("role/team/Developer", "role/team/Admin");
    expect(tampered).not.toBe(signed);
    expect(verifiesWithXmlCrypto(tampered, signing.certificatePem)).toBe(false);
  });

  it("writes the Assertion in the exact form xml-crypto canonicalizes it to, whatever the values", () => {
    fc.assert(
      fc.property(hostileInput, (values) => {
        const unsigned = buildAssertionResponse({ ...input, ...values });
        const assertion = parse(unsigned.xml).getElementsByTagNameNS(SAML, "Assertion")[0] as XmlElement;
        const canonical = new ExclusiveCanonicalization().process(assertion as unknown as Element, {});
        expect(canonical).toBe(unsigned.xml.slice(unsigned.assertion.start, unsigned.assertion.end));
      }),
      { numRuns: 300 },
    );
  });

  it("gives the same signature as xml-crypto, which verifies it, whatever the values", () => {
    fc.assert(
      fc.property(hostileInput, (values) => {
        const unsigned = buildAssertionResponse({ ...input, ...values });
        const signed = signAssertion({ unsigned, signing });
        const reference = signWithXmlCrypto(unsigned.xml, signing);
        for (const name of ["DigestValue", "SignatureValue"])
          expect(text(signed, DS, name)).toBe(text(reference, DS, name));
        expect(verifiesWithXmlCrypto(signed, signing.certificatePem)).toBe(true);
        expect(text(signed, SAML, "NameID")).toBe(xmlChars(values.nameId));
      }),
      { numRuns: 100 },
    );
  });

  it("verifies with xmldsigjs too, whatever the values", async () => {
    await fc.assert(
      fc.asyncProperty(hostileInput, async (values) => {
        const signed = signAssertion({ unsigned: buildAssertionResponse({ ...input, ...values }), signing });
        expect(await verifiesWithXmldsigjs(signed, signing.certificateBase64)).toBe(true);
      }),
      { numRuns: 50 },
    );
    const signed = signAssertion({ unsigned: buildAssertionResponse(input), signing });
    expect(
      await verifiesWithXmldsigjs(signed.replace(">user_alice<", ">user_mallory<"), signing.certificateBase64),
    ).toBe(false);
  });

  it("is accepted by the AWS emulator, with the values intact", async () => {
    await fc.assert(
      fc.asyncProperty(
        hostileInput.map(({ nameId, roleSessionName, tags }) => ({ nameId, roleSessionName, tags })),
        async (values) => {
          const signed = signAssertion({ unsigned: buildAssertionResponse({ ...input, ...values }), signing });
          const verified = await verifyWithEmulator(signed);
          expect(verified.nameId).toBe(xmlChars(values.nameId).trim());
          expect(verified.attributes.get(AWS_ATTRIBUTE.roleSessionName)).toEqual([
            xmlChars(values.roleSessionName).trim(),
          ]);
        },
      ),
      { numRuns: 100 },
    );
  });

  it("is refused by the emulator once any signed byte changes", async () => {
    const signed = signAssertion({ unsigned: buildAssertionResponse(input), signing });
    await expect(verifyWithEmulator(signed)).resolves.toMatchObject({ nameId: "user_alice" });
    await expect(verifyWithEmulator(signed.replace(">user_alice<", ">user_mallory<"))).rejects.toThrow(
      /signature invalid/,
    );
    await expect(verifyWithEmulator(signed.replace("28800", "43200"))).rejects.toThrow(/signature invalid/);
    // The Reference must name the Assertion it sits in.
    await expect(verifyWithEmulator(signed.replace('URI="#_assertion1"', 'URI="#_response1"'))).rejects.toThrow(
      /signature invalid/,
    );
  });

  it("lets the emulator judge other signers' shapes as AWS does", async () => {
    const { xml } = buildAssertionResponse(input);
    // xml-crypto's signature of the Assertion, or of the whole Response: both accepted.
    await expect(verifyWithEmulator(signWithXmlCrypto(xml, signing))).resolves.toMatchObject({ nameId: "user_alice" });
    await expect(
      verifyWithEmulator(signWithXmlCrypto(xml, signing, { target: "/*[local-name(.)='Response']" })),
    ).resolves.toMatchObject({ nameId: "user_alice" });
    // Inclusive c14n is valid XML-DSig but not what the emulator takes: refused, not misread.
    await expect(
      verifyWithEmulator(signWithXmlCrypto(xml, signing, { c14n: "http://www.w3.org/TR/2001/REC-xml-c14n-20010315" })),
    ).rejects.toThrow(/signature invalid/);
  });
});
