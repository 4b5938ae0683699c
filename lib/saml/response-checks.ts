import type { Element as XmlElement } from "@xmldom/xmldom";
import { child, SAML_NS } from "@/lib/saml/saml-dom";
import { invalidSaml, SamlRejection, SamlStatusRejection } from "@/lib/saml/saml-rejection";
import { childElements } from "@/lib/xml/parse-xml";

/**
 * The checks on a SAML Response's envelope, before its signature is verified: each one refuses
 * with a named reason, or returns what the next step needs. Pure.
 */

export const MAX_SAML_RESPONSE_BYTES = 256 * 1024;
const SUCCESS = "urn:oasis:names:tc:SAML:2.0:status:Success";

/** Refuses, before parsing, a response too large or declaring a DOCTYPE or entities. */
export function checkResponseText(xml: string): void {
  if (Buffer.byteLength(xml) > MAX_SAML_RESPONSE_BYTES)
    throw new SamlRejection("too_large", "saml_too_large", "The SAML response is larger than 256 KiB.");
  if (/<!DOCTYPE|<!ENTITY/i.test(xml))
    throw invalidSaml("doctype", "The SAML response contains a DOCTYPE or entity declaration.");
}

/** Refuses a document whose root is not a SAML 2.0 protocol Response. */
export function checkIsResponse(response: XmlElement): void {
  if (response.namespaceURI !== SAML_NS.protocol || response.localName !== "Response")
    throw invalidSaml("not_a_response", "The message is not a SAML Response.");
}

/** Refuses a response addressed to another endpoint than Airlock's ACS. */
export function checkDestination(response: XmlElement, acsUrl: string): void {
  const destination = response.getAttribute("Destination");
  if (destination !== acsUrl)
    throw invalidSaml("wrong_destination", `The response is addressed to ${destination ?? "nobody"}, not ${acsUrl}.`);
}

/** Refuses a response whose (optional) Issuer is another entity than the IdP's. */
export function checkResponseIssuer(response: XmlElement, idpEntityId: string): void {
  const issuer = child(response, SAML_NS.assertion, "Issuer")?.textContent?.trim();
  if (issuer && issuer !== idpEntityId)
    throw invalidSaml("wrong_issuer", `The response was issued by ${issuer}, not ${idpEntityId}.`);
}

/** Refuses, with the status codes and the request answered, a response whose status is not Success. */
export function checkStatus(response: XmlElement): void {
  const statusCodes: string[] = [];
  let code = child(child(response, SAML_NS.protocol, "Status"), SAML_NS.protocol, "StatusCode");
  for (; code; code = child(code, SAML_NS.protocol, "StatusCode")) statusCodes.push(code.getAttribute("Value") ?? "");
  if (statusCodes[0] !== SUCCESS)
    throw new SamlStatusRejection(response.getAttribute("InResponseTo") || null, statusCodes);
}

/**
 * The response's one assertion. Refuses any other count of assertions anywhere in the document,
 * encrypted or not: a second one wrapped elsewhere is how signature wrapping starts.
 */
export function findSingleAssertion(response: XmlElement): XmlElement {
  const doc = response.ownerDocument as unknown as XmlElement;
  const assertions = childElements(response, SAML_NS.assertion, "Assertion");
  if (
    assertions.length !== 1 ||
    doc.getElementsByTagNameNS(SAML_NS.assertion, "Assertion").length !== 1 ||
    doc.getElementsByTagNameNS(SAML_NS.assertion, "EncryptedAssertion").length
  )
    throw invalidSaml("assertion_count", "The response must carry exactly one assertion.");
  return assertions[0];
}

/**
 * The response's one EncryptedAssertion, or undefined when nothing is encrypted. Refuses one that
 * is not the response's child, a second one, or one beside a plain assertion.
 */
export function findEncryptedAssertion(response: XmlElement): XmlElement | undefined {
  const doc = response.ownerDocument as unknown as XmlElement;
  const all = doc.getElementsByTagNameNS(SAML_NS.assertion, "EncryptedAssertion");
  if (!all.length) return undefined;
  const direct = childElements(response, SAML_NS.assertion, "EncryptedAssertion");
  if (all.length !== 1 || direct.length !== 1 || doc.getElementsByTagNameNS(SAML_NS.assertion, "Assertion").length)
    throw invalidSaml("assertion_count", "The response must carry exactly one assertion.");
  return direct[0];
}

/** Refuses a response whose InResponseTo differs from the one its signed assertion answers. */
export function checkInResponseTo(response: XmlElement, assertionInResponseTo: string | null): void {
  const responseInResponseTo = response.getAttribute("InResponseTo") || null;
  if (responseInResponseTo && responseInResponseTo !== assertionInResponseTo)
    throw invalidSaml("in_response_to_mismatch", "The response and the signed assertion answer different requests.");
}
