import { webcrypto, X509Certificate } from "node:crypto";
import type { Element as XmlElement } from "@xmldom/xmldom";
import { childElements, parseXmlStrict } from "@/lib/xml/parse-xml";
import * as xmldsig from "xmldsigjs";
import { StsError } from "./sts-error";

/**
 * Verifies a SAML response the way STS does, with an implementation independent of the one
 * Airlock signs with (xmldsigjs here, xml-crypto there): the signature must be valid under a
 * certificate from the provider's registered metadata (never one carried in the message) and
 * must cover the one and only assertion; then issuer, audience, recipient and time window.
 */

xmldsig.Application.setEngine("NodeJS", webcrypto as unknown as Crypto);

const NS = {
  protocol: "urn:oasis:names:tc:SAML:2.0:protocol",
  assertion: "urn:oasis:names:tc:SAML:2.0:assertion",
  dsig: "http://www.w3.org/2000/09/xmldsig#",
  metadata: "urn:oasis:names:tc:SAML:2.0:metadata",
};
const ALLOWED_SIGNATURE_METHODS = new Set([
  "http://www.w3.org/2001/04/xmldsig-more#rsa-sha256",
  "http://www.w3.org/2001/04/xmldsig-more#rsa-sha512",
]);
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

const importedKeys = new Map<string, Promise<CryptoKey>>();

/** The registered certificate's public key, imported once per certificate. */
function importCertificateKey(certBase64: string): Promise<CryptoKey> {
  let key = importedKeys.get(certBase64);
  if (!key) {
    key = importKey(certBase64);
    importedKeys.set(certBase64, key);
  }
  return key;
}

async function importKey(certBase64: string): Promise<CryptoKey> {
  const cert = new X509Certificate(Buffer.from(certBase64, "base64"));
  const spki = cert.publicKey.export({ type: "spki", format: "der" });
  return webcrypto.subtle.importKey("spki", spki, { name: "RSASSA-PKCS1-v1_5", hash: "SHA-256" }, true, [
    "verify",
  ]) as Promise<CryptoKey>;
}

function countElementsWithId(el: XmlElement, id: string): number {
  let count = ["ID", "Id", "id"].some((name) => el.getAttribute(name) === id) ? 1 : 0;
  for (let n = el.firstChild; n; n = n.nextSibling)
    if (n.nodeType === 1) count += countElementsWithId(n as XmlElement, id);
  return count;
}

/** Whether `signature` is valid under one of the trusted certificates and covers `target`. */
async function signatureCovers(
  doc: Document,
  signature: XmlElement,
  target: XmlElement,
  trusted: string[],
): Promise<boolean> {
  const method = signature.getElementsByTagNameNS(NS.dsig, "SignatureMethod")[0]?.getAttribute("Algorithm") ?? "";
  if (!ALLOWED_SIGNATURE_METHODS.has(method)) return false;
  const references = signature.getElementsByTagNameNS(NS.dsig, "Reference");
  const id = target.getAttribute("ID");
  if (references.length !== 1 || !id || references[0].getAttribute("URI") !== `#${id}`) return false;
  // The reference must resolve to `target` and nothing else (signature wrapping hides a second ID).
  if (countElementsWithId(doc.documentElement as unknown as XmlElement, id) !== 1) return false;
  // Like AWS, trust only the registered metadata: KeyInfo is not covered by the signature and
  // is never used, so it is dropped before verifying (xmldsigjs would parse its certificate).
  for (const keyInfo of Array.from(signature.getElementsByTagNameNS(NS.dsig, "KeyInfo")))
    keyInfo.parentNode?.removeChild(keyInfo);
  for (const cert of trusted) {
    const signed = new xmldsig.SignedXml(doc);
    signed.LoadXml(signature as unknown as Element);
    try {
      if (await signed.Verify(await importCertificateKey(cert))) return true;
    } catch {
      // A malformed signature is just an invalid one.
    }
  }
  return false;
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
    (assertionSig && (await signatureCovers(doc, assertionSig, assertion, trusted))) ||
    (responseSig && (await signatureCovers(doc, responseSig, response, trusted)));
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
