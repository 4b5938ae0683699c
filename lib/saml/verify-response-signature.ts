import type { Element as XmlElement } from "@xmldom/xmldom";
import { SignedXml } from "xml-crypto";
import { child, SAML_NS } from "@/lib/saml/saml-dom";
import { invalidSaml } from "@/lib/saml/saml-rejection";

const SIGNATURE_METHODS = new Set([
  "http://www.w3.org/2001/04/xmldsig-more#rsa-sha256",
  "http://www.w3.org/2001/04/xmldsig-more#rsa-sha384",
  "http://www.w3.org/2001/04/xmldsig-more#rsa-sha512",
]);
const DIGEST_METHODS = new Set([
  "http://www.w3.org/2001/04/xmlenc#sha256",
  "http://www.w3.org/2001/04/xmldsig-more#sha384",
  "http://www.w3.org/2001/04/xmlenc#sha512",
]);

function countIds(el: XmlElement, id: string): number {
  let count = ["ID", "Id", "id"].some((name) => el.getAttribute(name) === id) ? 1 : 0;
  for (let n = el.firstChild; n; n = n.nextSibling) if (n.nodeType === 1) count += countIds(n as XmlElement, id);
  return count;
}

/** Refuses a signature or digest weaker than SHA-256 with RSA. */
export function checkSignatureAlgorithms(signature: XmlElement): void {
  const method = signature.getElementsByTagNameNS(SAML_NS.dsig, "SignatureMethod")[0]?.getAttribute("Algorithm") ?? "";
  if (!SIGNATURE_METHODS.has(method))
    throw invalidSaml(
      "signature_algorithm",
      `The signature uses ${method || "no algorithm"}, which Airlock does not accept (SHA-256 or stronger RSA only).`,
    );
  for (const reference of Array.from(signature.getElementsByTagNameNS(SAML_NS.dsig, "Reference"))) {
    const digest = reference.getElementsByTagNameNS(SAML_NS.dsig, "DigestMethod")[0]?.getAttribute("Algorithm") ?? "";
    if (!DIGEST_METHODS.has(digest))
      throw invalidSaml(
        "digest_algorithm",
        `The signature digest uses ${digest || "no algorithm"}, which Airlock does not accept (SHA-256 or stronger).`,
      );
  }
}

/**
 * Refuses a signature that does not cover exactly the element carrying it: one reference, to that
 * element's ID, and that ID used once in the whole document (no wrapped copy to confuse it with).
 */
export function checkSignatureCoverage(root: XmlElement, signature: XmlElement, signed: XmlElement): void {
  const references = signature.getElementsByTagNameNS(SAML_NS.dsig, "Reference");
  const id = signed.getAttribute("ID");
  if (references.length !== 1 || !id || references[0].getAttribute("URI") !== `#${id}` || countIds(root, id) !== 1)
    throw invalidSaml("signature_reference", "The signature does not cover exactly the element that carries it.");
}

/**
 * Verifies one enveloped signature against the pinned certificates; returns the signed element's
 * canonical XML, or undefined when no pinned certificate verifies it.
 */
export function verifyEnvelopedSignature(
  xml: string,
  root: XmlElement,
  signature: XmlElement,
  signed: XmlElement,
  certificates: string[],
): string | undefined {
  checkSignatureAlgorithms(signature);
  checkSignatureCoverage(root, signature, signed);
  for (const publicCert of certificates) {
    // getCertFromKeyInfo returns nothing: only the pinned certificate counts, never one in the message.
    const verifier = new SignedXml({ publicCert, getCertFromKeyInfo: () => null });
    verifier.loadSignature(signature as unknown as Node);
    try {
      if (verifier.checkSignature(xml)) return verifier.getSignedReferences()[0];
    } catch {
      // try the next pinned certificate
    }
  }
  return undefined;
}

/**
 * The signature on the assertion, or else on the whole response, by one of the IdP's pinned
 * certificates. Returns the canonical XML that signature covers: the only text identity is read from.
 */
export function verifyResponseSignature({
  xml,
  response,
  assertion,
  certificates,
}: {
  xml: string;
  response: XmlElement;
  assertion: XmlElement;
  certificates: string[];
}): string {
  const assertionSignature = child(assertion, SAML_NS.dsig, "Signature");
  const responseSignature = child(response, SAML_NS.dsig, "Signature");
  if (!assertionSignature && !responseSignature) throw invalidSaml("unsigned", "The response is not signed.");
  let signedXml = assertionSignature
    ? verifyEnvelopedSignature(xml, response, assertionSignature, assertion, certificates)
    : undefined;
  if (!signedXml && responseSignature)
    signedXml = verifyEnvelopedSignature(xml, response, responseSignature, response, certificates);
  if (!signedXml) throw invalidSaml("bad_signature", "The signature is not valid for the IdP's certificate.");
  return signedXml;
}

/**
 * The enveloped signature on a protocol message's root element (a LogoutRequest or LogoutResponse
 * sent by the POST binding) by one of the pinned certificates. Returns the canonical XML it covers.
 */
export function verifyMessageSignature({
  xml,
  root,
  certificates,
}: {
  xml: string;
  root: XmlElement;
  certificates: string[];
}): string {
  const signature = child(root, SAML_NS.dsig, "Signature");
  if (!signature) throw invalidSaml("unsigned", "The message is not signed.");
  const signedXml = verifyEnvelopedSignature(xml, root, signature, root, certificates);
  if (!signedXml) throw invalidSaml("bad_signature", "The signature is not valid for the IdP's certificate.");
  return signedXml;
}
