import type { Element as XmlElement } from "@xmldom/xmldom";
import { childElements, parseXmlStrict } from "@/lib/xml/parse-xml";
import { StsError } from "./sts-error";
import { signatureCovers } from "./xml-signature";

/**
 * Verifies a SAML response the way STS does: the XML signature (./xml-signature.ts) must be valid
 * under a certificate from the provider's registered metadata (never one carried in the message)
 * and must cover the one and only assertion; then issuer, audience, recipient and time window.
 */

const NS = {
  protocol: "urn:oasis:names:tc:SAML:2.0:protocol",
  assertion: "urn:oasis:names:tc:SAML:2.0:assertion",
  dsig: "http://www.w3.org/2000/09/xmldsig#",
  metadata: "urn:oasis:names:tc:SAML:2.0:metadata",
};
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
