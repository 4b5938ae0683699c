import type { Element as XmlElement } from "@xmldom/xmldom";
import { child, readInstant, SAML_NS } from "@/lib/saml/saml-dom";
import { invalidSaml, SamlRejection } from "@/lib/saml/saml-rejection";
import { childElements } from "@/lib/xml/parse-xml";

/**
 * The checks on the signed assertion (parsed from the canonical XML its signature covers): each
 * one refuses with a named reason, or returns what it read. Pure: the clock is passed in.
 */

export type Clock = { now: Date; skewSeconds: number };
const BEARER = "urn:oasis:names:tc:SAML:2.0:cm:bearer";

/** The signed assertion's Issuer, which must be the IdP's entity id. */
export function checkAssertionIssuer(assertion: XmlElement, idpEntityId: string): string {
  const issuer = child(assertion, SAML_NS.assertion, "Issuer")?.textContent?.trim() ?? "";
  if (issuer !== idpEntityId)
    throw invalidSaml("wrong_issuer", `The assertion was issued by ${issuer || "nobody"}, not ${idpEntityId}.`);
  return issuer;
}

function conditionsOf(assertion: XmlElement): XmlElement {
  const conditions = child(assertion, SAML_NS.assertion, "Conditions");
  if (!conditions) throw invalidSaml("no_conditions", "The assertion has no Conditions.");
  return conditions;
}

/** The Conditions' NotOnOrAfter (ms), once now (give or take the skew) is within NotBefore..NotOnOrAfter. */
export function checkTimeWindow(assertion: XmlElement, { now, skewSeconds }: Clock): number {
  const conditions = conditionsOf(assertion);
  const at = now.getTime();
  const skew = skewSeconds * 1000;
  const notBefore = readInstant(conditions, "NotBefore");
  const notOnOrAfter = readInstant(conditions, "NotOnOrAfter");
  if (notOnOrAfter === undefined) throw invalidSaml("no_expiry", "The assertion's Conditions have no NotOnOrAfter.");
  if (notBefore !== undefined && at + skew < notBefore)
    throw new SamlRejection("not_yet_valid", "saml_expired", "The assertion is not valid yet (check the clocks).");
  if (at - skew >= notOnOrAfter) throw new SamlRejection("expired", "saml_expired", "The assertion has expired.");
  return notOnOrAfter;
}

/** Refuses an assertion whose audiences do not include Airlock's SP entity id. */
export function checkAudience(assertion: XmlElement, spEntityId: string): void {
  const audiences = Array.from(conditionsOf(assertion).getElementsByTagNameNS(SAML_NS.assertion, "Audience")).map((a) =>
    a.textContent?.trim(),
  );
  if (!audiences.includes(spEntityId))
    throw invalidSaml(
      "wrong_audience",
      `The assertion is meant for ${audiences.join(", ") || "nobody"}, not ${spEntityId}.`,
    );
}

/** The subject's NameID, which must not be empty. */
export function readNameId(assertion: XmlElement): string {
  const subject = child(assertion, SAML_NS.assertion, "Subject");
  const nameId = child(subject, SAML_NS.assertion, "NameID")?.textContent?.trim() ?? "";
  if (!nameId) throw invalidSaml("no_subject", "The assertion names no subject.");
  return nameId;
}

/** The subject's NameID Format attribute; null when absent (which SAML reads as unspecified). */
export function readNameIdFormat(assertion: XmlElement): string | null {
  const subject = child(assertion, SAML_NS.assertion, "Subject");
  return child(subject, SAML_NS.assertion, "NameID")?.getAttribute("Format")?.trim() || null;
}

/**
 * The NameID with its format and qualifiers, and the AuthnStatement's SessionIndex: what a
 * LogoutRequest must name the person by, exactly as the IdP did.
 */
export function readLogoutHandle(assertion: XmlElement): {
  nameId: string;
  format?: string;
  nameQualifier?: string;
  spNameQualifier?: string;
  sessionIndex?: string;
} {
  const nameId = child(child(assertion, SAML_NS.assertion, "Subject"), SAML_NS.assertion, "NameID");
  const read = (el: XmlElement | undefined, name: string) => el?.getAttribute(name) || undefined;
  return {
    nameId: nameId?.textContent?.trim() ?? "",
    format: read(nameId, "Format"),
    nameQualifier: read(nameId, "NameQualifier"),
    spNameQualifier: read(nameId, "SPNameQualifier"),
    sessionIndex: read(child(assertion, SAML_NS.assertion, "AuthnStatement"), "SessionIndex"),
  };
}

/**
 * The bearer SubjectConfirmation: addressed to Airlock's ACS and not expired. Returns when it
 * expires (ms) and the request it answers.
 */
export function checkBearerConfirmation(
  assertion: XmlElement,
  { acsUrl, now, skewSeconds }: Clock & { acsUrl: string },
): { expiresAt: number; inResponseTo: string | null } {
  const subject = child(assertion, SAML_NS.assertion, "Subject");
  const bearer = subject
    ? childElements(subject, SAML_NS.assertion, "SubjectConfirmation").find((c) => c.getAttribute("Method") === BEARER)
    : undefined;
  const data = child(bearer, SAML_NS.assertion, "SubjectConfirmationData");
  if (!data) throw invalidSaml("no_bearer_confirmation", "The assertion has no bearer SubjectConfirmation.");
  const recipient = data.getAttribute("Recipient");
  if (recipient !== acsUrl)
    throw invalidSaml("wrong_recipient", `The assertion's Recipient is ${recipient ?? "missing"}, not ${acsUrl}.`);
  const expiresAt = readInstant(data, "NotOnOrAfter");
  if (expiresAt === undefined || now.getTime() - skewSeconds * 1000 >= expiresAt)
    throw new SamlRejection(
      "confirmation_expired",
      "saml_expired",
      "The assertion's subject confirmation has expired.",
    );
  return { expiresAt, inResponseTo: data.getAttribute("InResponseTo") || null };
}

/** Every attribute's values by name (values of a repeated attribute are joined). */
export function readAttributes(assertion: XmlElement): Record<string, string[]> {
  const attributes: Record<string, string[]> = {};
  for (const statement of childElements(assertion, SAML_NS.assertion, "AttributeStatement")) {
    for (const attribute of childElements(statement, SAML_NS.assertion, "Attribute")) {
      const name = attribute.getAttribute("Name") ?? "";
      attributes[name] = [
        ...(attributes[name] ?? []),
        ...childElements(attribute, SAML_NS.assertion, "AttributeValue").map((v) => (v.textContent ?? "").trim()),
      ];
    }
  }
  return attributes;
}
