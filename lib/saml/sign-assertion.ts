import { createHash, sign } from "node:crypto";
import type { UnsignedResponse } from "@/lib/saml/build-assertion";
import type { SigningMaterial } from "@/lib/saml/signing-key";
import { canonicalAttribute } from "@/lib/saml/xml";

const DSIG = "http://www.w3.org/2000/09/xmldsig#";
const RSA_SHA256 = "http://www.w3.org/2001/04/xmldsig-more#rsa-sha256";
const SHA256 = "http://www.w3.org/2001/04/xmlenc#sha256";
const EXC_C14N = "http://www.w3.org/2001/10/xml-exc-c14n#";
const ENVELOPED = "http://www.w3.org/2000/09/xmldsig#enveloped-signature";

/**
 * Signs the Assertion of a Response built by buildAssertionResponse: an enveloped XML Signature,
 * RSA-SHA256 over SHA-256, exclusive c14n, placed right after the Assertion's Issuer as the schema
 * requires.
 *
 * No DOM is needed: the builder writes the Assertion in exclusive canonical form, so the
 * Reference's transforms (enveloped-signature, then exc-c14n) give back exactly that text, and
 * SignedInfo is written here in its canonical form too (its own namespace declaration, sorted
 * attributes, start-end pairs). tests/unit/saml/sign-assertion.test.ts holds both to xml-crypto's
 * canonicalization on hostile values; AWS and the emulator verify it like any other signature.
 */
export function signAssertion({
  unsigned,
  signing,
}: {
  unsigned: UnsignedResponse;
  signing: Pick<SigningMaterial, "privateKey" | "certificateBase64">;
}): string {
  const { xml, assertion, signatureAt } = unsigned;
  const digest = createHash("sha256").update(xml.slice(assertion.start, assertion.end), "utf8").digest("base64");
  const signedInfo =
    `<ds:SignedInfo xmlns:ds="${DSIG}">` +
    `<ds:CanonicalizationMethod Algorithm="${EXC_C14N}"></ds:CanonicalizationMethod>` +
    `<ds:SignatureMethod Algorithm="${RSA_SHA256}"></ds:SignatureMethod>` +
    `<ds:Reference URI="#${canonicalAttribute(unsigned.assertionId)}">` +
    `<ds:Transforms><ds:Transform Algorithm="${ENVELOPED}"></ds:Transform><ds:Transform Algorithm="${EXC_C14N}"></ds:Transform></ds:Transforms>` +
    `<ds:DigestMethod Algorithm="${SHA256}"></ds:DigestMethod><ds:DigestValue>${digest}</ds:DigestValue>` +
    `</ds:Reference>` +
    `</ds:SignedInfo>`;
  const signatureValue = sign("sha256", Buffer.from(signedInfo, "utf8"), signing.privateKey).toString("base64");
  const signature =
    `<ds:Signature xmlns:ds="${DSIG}">${signedInfo}<ds:SignatureValue>${signatureValue}</ds:SignatureValue>` +
    `<ds:KeyInfo><ds:X509Data><ds:X509Certificate>${signing.certificateBase64}</ds:X509Certificate></ds:X509Data></ds:KeyInfo>` +
    `</ds:Signature>`;
  return xml.slice(0, signatureAt) + signature + xml.slice(signatureAt);
}
