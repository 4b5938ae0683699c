import { createHash, verify, X509Certificate, type KeyObject } from "node:crypto";
import type { Element as XmlElement } from "@xmldom/xmldom";
import { ExclusiveCanonicalization, ExclusiveCanonicalizationWithComments } from "xml-crypto";
import { childElements, parseXmlStrict } from "@/lib/xml/parse-xml";
import { StsError } from "./sts-error";

/**
 * Verifies a SAML response the way STS does: the XML signature (exclusive c14n of SignedInfo and
 * of the referenced element, xml-crypto's canonicalizer on the parsed document; Airlock writes
 * canonical text without one) must be valid under a certificate from the provider's registered
 * metadata (never one carried in the message) and must cover the one and only assertion; then
 * issuer, audience, recipient and time window.
 */

const NS = {
  protocol: "urn:oasis:names:tc:SAML:2.0:protocol",
  assertion: "urn:oasis:names:tc:SAML:2.0:assertion",
  dsig: "http://www.w3.org/2000/09/xmldsig#",
  excC14n: "http://www.w3.org/2001/10/xml-exc-c14n#",
  metadata: "urn:oasis:names:tc:SAML:2.0:metadata",
};
const SIGNATURE_HASHES = new Map([
  ["http://www.w3.org/2001/04/xmldsig-more#rsa-sha256", "sha256"],
  ["http://www.w3.org/2001/04/xmldsig-more#rsa-sha512", "sha512"],
]);
const DIGEST_HASHES = new Map([
  ["http://www.w3.org/2000/09/xmldsig#sha1", "sha1"],
  ["http://www.w3.org/2001/04/xmlenc#sha256", "sha256"],
  ["http://www.w3.org/2001/04/xmldsig-more#sha384", "sha384"],
  ["http://www.w3.org/2001/04/xmlenc#sha512", "sha512"],
]);
// Exclusive c14n only: what Airlock and the mainstream IdPs sign with.
const CANONICALIZERS = new Map([
  ["http://www.w3.org/2001/10/xml-exc-c14n#", ExclusiveCanonicalization],
  ["http://www.w3.org/2001/10/xml-exc-c14n#WithComments", ExclusiveCanonicalizationWithComments],
]);
const ENVELOPED = "http://www.w3.org/2000/09/xmldsig#enveloped-signature";
const MAX_ASSERTION_AGE_MS = 5 * 60 * 1000;
const CLOCK_SKEW_MS = 60 * 1000;

export type VerifiedAssertion = { nameId: string; issuer: string; attributes: Map<string, string[]> };

export type ProviderMetadata = { entityId: string; certificatesBase64: string[] };

const invalid = (message: string) => new StsError("InvalidIdentityToken", message);

function parseXml(xml: string): Document {
  if (/<!DOCTYPE|<!ENTITY/i.test(xml))
    throw invalid("Invalid SAML response: document type declarations are not allowed");
  const root = parseXmlStrict(xml);
  if (!root) throw invalid("Invalid SAML response: not well-formed XML");
  return root.ownerDocument as unknown as Document;
}

export function parseProviderMetadata(xml: string): ProviderMetadata {
  const doc = parseXml(xml) as unknown as { documentElement: XmlElement };
  const root = doc.documentElement;
  const entityId = root.getAttribute("entityID") ?? "";
  const certificatesBase64: string[] = [];
  for (const idp of childElements(root, NS.metadata, "IDPSSODescriptor")) {
    for (const kd of childElements(idp, NS.metadata, "KeyDescriptor")) {
      if (kd.getAttribute("use") && kd.getAttribute("use") !== "signing") continue;
      const certs = kd.getElementsByTagNameNS(NS.dsig, "X509Certificate");
      for (let i = 0; i < certs.length; i++) certificatesBase64.push((certs[i].textContent ?? "").replace(/\s+/g, ""));
    }
  }
  return { entityId, certificatesBase64 };
}

const publicKeys = new Map<string, KeyObject | undefined>();

/** The registered certificate's public key, parsed once per certificate; RSA keys only. */
function publicKeyOf(certBase64: string): KeyObject | undefined {
  if (!publicKeys.has(certBase64)) {
    const key = new X509Certificate(Buffer.from(certBase64, "base64")).publicKey;
    publicKeys.set(certBase64, key.asymmetricKeyType === "rsa" ? key : undefined);
  }
  return publicKeys.get(certBase64);
}

function countElementsWithId(el: XmlElement, id: string): number {
  let count = ["ID", "Id", "id"].some((name) => el.getAttribute(name) === id) ? 1 : 0;
  for (let n = el.firstChild; n; n = n.nextSibling)
    if (n.nodeType === 1) count += countElementsWithId(n as XmlElement, id);
  return count;
}

function onlyChild(parent: XmlElement | undefined, ns: string, name: string): XmlElement | undefined {
  const children = parent ? childElements(parent, ns, name) : [];
  return children.length === 1 ? children[0] : undefined;
}

/** The namespaces declared on the ancestors of `el`, nearest first: what InclusiveNamespaces may pull in. */
function ancestorNamespaces(el: XmlElement): { prefix: string; namespaceURI: string }[] {
  const found: { prefix: string; namespaceURI: string }[] = [];
  for (let p = el.parentNode as XmlElement | null; p && p.nodeType === 1; p = p.parentNode as XmlElement | null) {
    for (let i = 0; i < p.attributes.length; i++) {
      const attr = p.attributes[i];
      if (attr.prefix === "xmlns" && !found.some((f) => f.prefix === attr.localName))
        found.push({ prefix: attr.localName ?? "", namespaceURI: attr.value });
    }
  }
  return found;
}

/** Exclusive c14n of `el` by `method` (a CanonicalizationMethod or Transform element). */
function canonicalize(method: XmlElement, el: XmlElement): string | undefined {
  const Canonicalizer = CANONICALIZERS.get(method.getAttribute("Algorithm") ?? "");
  if (!Canonicalizer) return undefined;
  const prefixList = onlyChild(method, NS.excC14n, "InclusiveNamespaces")?.getAttribute("PrefixList");
  return new Canonicalizer().process(el as unknown as Element, {
    inclusiveNamespacesPrefixList: prefixList ? prefixList.trim().split(/\s+/) : [],
    ancestorNamespaces: ancestorNamespaces(el),
  });
}

/**
 * Whether `signature` is valid under one of the trusted certificates and covers `target`: its
 * SignedInfo verifies, its one Reference points at `target` (and no other element has that ID:
 * signature wrapping), and the digest of `target`, transformed as the Reference says, matches.
 * KeyInfo is never read: like AWS, only the registered metadata is trusted.
 */
function signatureCovers(doc: Document, signature: XmlElement, target: XmlElement, trusted: string[]): boolean {
  try {
    return checkSignature(doc, signature, target, trusted);
  } catch {
    return false; // a malformed signature is just an invalid one
  }
}

function checkSignature(doc: Document, signature: XmlElement, target: XmlElement, trusted: string[]): boolean {
  const signedInfo = onlyChild(signature, NS.dsig, "SignedInfo");
  const c14nMethod = onlyChild(signedInfo, NS.dsig, "CanonicalizationMethod");
  const hash = SIGNATURE_HASHES.get(onlyChild(signedInfo, NS.dsig, "SignatureMethod")?.getAttribute("Algorithm") ?? "");
  const signatureValue = onlyChild(signature, NS.dsig, "SignatureValue")?.textContent?.replace(/\s+/g, "");
  const reference = onlyChild(signedInfo, NS.dsig, "Reference");
  if (!signedInfo || !c14nMethod || !hash || !signatureValue || !reference) return false;
  if (childElements(signedInfo, NS.dsig, "Reference").length !== 1) return false;

  const id = target.getAttribute("ID");
  if (!id || reference.getAttribute("URI") !== `#${id}`) return false;
  if (countElementsWithId(doc.documentElement as unknown as XmlElement, id) !== 1) return false;
  const transforms = childElements(onlyChild(reference, NS.dsig, "Transforms") ?? reference, NS.dsig, "Transform");
  const enveloped = transforms.filter((t) => t.getAttribute("Algorithm") === ENVELOPED);
  const c14nTransforms = transforms.filter((t) => CANONICALIZERS.has(t.getAttribute("Algorithm") ?? ""));
  // Only an enveloped-signature transform and a final exclusive c14n.
  if (c14nTransforms.length !== 1 || transforms.at(-1) !== c14nTransforms[0]) return false;
  if (enveloped.length + c14nTransforms.length !== transforms.length) return false;
  const digestHash = DIGEST_HASHES.get(onlyChild(reference, NS.dsig, "DigestMethod")?.getAttribute("Algorithm") ?? "");
  const digestValue = onlyChild(reference, NS.dsig, "DigestValue")?.textContent?.replace(/\s+/g, "");
  if (!digestHash || !digestValue) return false;

  // 1. SignedInfo, canonicalized where it stands.
  const canonicalSignedInfo = canonicalize(c14nMethod, signedInfo);
  if (canonicalSignedInfo === undefined) return false;
  const signatureBytes = Buffer.from(signatureValue, "base64");
  const signedBy = (cert: string) => {
    const key = publicKeyOf(cert);
    return key !== undefined && verify(hash, Buffer.from(canonicalSignedInfo), key, signatureBytes);
  };
  if (!trusted.some(signedBy)) return false;

  // 2. The referenced element, without the signature when it is enveloped, then put back as it was.
  const parent = signature.parentNode;
  const next = signature.nextSibling;
  if (enveloped.length) parent?.removeChild(signature);
  try {
    const canonicalTarget = canonicalize(c14nTransforms[0], target);
    return (
      canonicalTarget !== undefined && createHash(digestHash).update(canonicalTarget).digest("base64") === digestValue
    );
  } finally {
    if (enveloped.length) parent?.insertBefore(signature, next);
  }
}

function time(el: XmlElement | undefined, name: string): number | undefined {
  const value = el?.getAttribute(name);
  return value ? Date.parse(value) : undefined;
}

export async function verifySamlResponse({
  xml,
  metadata,
  audience,
  recipient,
  now = new Date(),
}: {
  xml: string;
  metadata: ProviderMetadata;
  audience: string;
  recipient: string;
  now?: Date;
}): Promise<VerifiedAssertion> {
  const doc = parseXml(xml);
  const response = doc.documentElement as unknown as XmlElement;
  if (response.namespaceURI !== NS.protocol || response.localName !== "Response")
    throw invalid("Invalid SAML response: the root element is not a SAML Response");
  const status = response.getElementsByTagNameNS(NS.protocol, "StatusCode")[0]?.getAttribute("Value");
  if (status !== "urn:oasis:names:tc:SAML:2.0:status:Success")
    throw new StsError("IDPRejectedClaim", "The SAML response does not report success", 403);

  const allAssertions = (doc as unknown as XmlElement).getElementsByTagNameNS(NS.assertion, "Assertion");
  const assertions = childElements(response, NS.assertion, "Assertion");
  if (allAssertions.length !== 1 || assertions.length !== 1)
    throw invalid("Invalid SAML response: it must contain exactly one assertion");
  const assertion = assertions[0];

  const trusted = metadata.certificatesBase64;
  const assertionSig = childElements(assertion, NS.dsig, "Signature")[0];
  const responseSig = childElements(response, NS.dsig, "Signature")[0];
  const covered =
    (assertionSig && signatureCovers(doc, assertionSig, assertion, trusted)) ||
    (responseSig && signatureCovers(doc, responseSig, response, trusted));
  if (!covered) throw invalid("Response signature invalid");

  const issuer = childElements(assertion, NS.assertion, "Issuer")[0]?.textContent?.trim() ?? "";
  if (issuer !== metadata.entityId)
    throw invalid(`Issuer ${issuer} does not match the provider metadata (${metadata.entityId})`);

  const nowMs = now.getTime();
  const issueInstant = time(assertion, "IssueInstant") ?? 0;
  if (nowMs - issueInstant > MAX_ASSERTION_AGE_MS)
    throw new StsError(
      "ExpiredTokenException",
      `Token expired: the assertion was issued at ${new Date(issueInstant).toISOString()}, more than 5 minutes ago`,
    );

  const conditions = childElements(assertion, NS.assertion, "Conditions")[0];
  if (!conditions) throw invalid("Invalid SAML response: Conditions are missing");
  const notBefore = time(conditions, "NotBefore");
  const notOnOrAfter = time(conditions, "NotOnOrAfter");
  if (notBefore !== undefined && nowMs + CLOCK_SKEW_MS < notBefore)
    throw invalid(`Token is not yet valid: NotBefore ${new Date(notBefore).toISOString()}`);
  if (notOnOrAfter === undefined || nowMs >= notOnOrAfter)
    throw new StsError(
      "ExpiredTokenException",
      `Token expired: current date/time ${now.toISOString()} must be before the expiration date/time ${notOnOrAfter ? new Date(notOnOrAfter).toISOString() : "(missing)"}`,
    );
  const audiences = Array.from(conditions.getElementsByTagNameNS(NS.assertion, "Audience")).map((a) =>
    a.textContent?.trim(),
  );
  if (!audiences.includes(audience)) throw invalid(`Incorrect token audience: expected ${audience}`);

  const subject = childElements(assertion, NS.assertion, "Subject")[0];
  const nameId = subject ? (childElements(subject, NS.assertion, "NameID")[0]?.textContent?.trim() ?? "") : "";
  const confirmations = subject ? childElements(subject, NS.assertion, "SubjectConfirmation") : [];
  const bearer = confirmations.find((c) => c.getAttribute("Method") === "urn:oasis:names:tc:SAML:2.0:cm:bearer");
  const data = bearer ? childElements(bearer, NS.assertion, "SubjectConfirmationData")[0] : undefined;
  if (!data || data.getAttribute("Recipient") !== recipient)
    throw invalid(`Invalid SAML response: the bearer SubjectConfirmation must name the recipient ${recipient}`);
  const confirmationExpiry = time(data, "NotOnOrAfter");
  if (confirmationExpiry === undefined || nowMs >= confirmationExpiry)
    throw new StsError("ExpiredTokenException", "Token expired: SubjectConfirmationData NotOnOrAfter has passed");
  const destination = response.getAttribute("Destination");
  if (destination && destination !== recipient)
    throw invalid(`Invalid SAML response: Destination must be ${recipient}`);

  const attributes = new Map<string, string[]>();
  for (const statement of childElements(assertion, NS.assertion, "AttributeStatement")) {
    for (const attr of childElements(statement, NS.assertion, "Attribute")) {
      const values = childElements(attr, NS.assertion, "AttributeValue").map((v) => (v.textContent ?? "").trim());
      attributes.set(attr.getAttribute("Name") ?? "", [
        ...(attributes.get(attr.getAttribute("Name") ?? "") ?? []),
        ...values,
      ]);
    }
  }
  return { nameId, issuer, attributes };
}
