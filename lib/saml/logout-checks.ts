import type { Element as XmlElement } from "@xmldom/xmldom";
import { child, readInstant, SAML_NS } from "@/lib/saml/saml-dom";
import { invalidSaml, SamlRejection } from "@/lib/saml/saml-rejection";
import { childElements } from "@/lib/xml/parse-xml";

/**
 * The checks on a signature-verified LogoutRequest or LogoutResponse from the corporate IdP
 * (SAML Core 3.7): each refuses with a named reason, or returns what it read. Pure: the clock is
 * passed in.
 */

export type LogoutExpectations = { idpEntityId: string; sloUrl: string; now: Date; skewSeconds: number };

/** How old a logout message may be: it travels through one browser redirect. */
export const LOGOUT_MESSAGE_MAX_AGE_SECONDS = 300;
const SUCCESS = "urn:oasis:names:tc:SAML:2.0:status:Success";

function checkEnvelope(root: XmlElement, kind: string, expect: LogoutExpectations): { id: string; issuedAt: number } {
  if (root.namespaceURI !== SAML_NS.protocol || root.localName !== kind)
    throw invalidSaml("wrong_message", `The message is not a SAML ${kind}.`);
  const id = root.getAttribute("ID") ?? "";
  if (!id || root.getAttribute("Version") !== "2.0")
    throw invalidSaml("malformed_message", `The ${kind} has no ID or is not SAML 2.0.`);
  const destination = root.getAttribute("Destination");
  if (destination !== expect.sloUrl)
    throw invalidSaml(
      "wrong_destination",
      `The ${kind} is addressed to ${destination ?? "nobody"}, not ${expect.sloUrl}.`,
    );
  const issuer = child(root, SAML_NS.assertion, "Issuer")?.textContent?.trim() ?? "";
  if (issuer !== expect.idpEntityId)
    throw invalidSaml("wrong_issuer", `The ${kind} was issued by ${issuer || "nobody"}, not ${expect.idpEntityId}.`);
  const issuedAt = readInstant(root, "IssueInstant");
  const at = expect.now.getTime();
  const skew = expect.skewSeconds * 1000;
  if (issuedAt === undefined) throw invalidSaml("bad_time", `The ${kind} has no IssueInstant.`);
  if (issuedAt > at + skew)
    throw new SamlRejection(
      "not_yet_valid",
      "saml_expired",
      `The ${kind} was issued in the future (check the clocks).`,
    );
  if (issuedAt < at - skew - LOGOUT_MESSAGE_MAX_AGE_SECONDS * 1000)
    throw new SamlRejection("expired", "saml_expired", `The ${kind} is too old.`);
  return { id, issuedAt };
}

export type CheckedLogoutRequest = {
  id: string;
  nameId: string;
  format?: string;
  /** Empty: every session of that NameID. */
  sessionIndexes: string[];
  /** Until when its ID must stay in the replay cache. */
  replayUntil: Date;
};

export function checkLogoutRequest(root: XmlElement, expect: LogoutExpectations): CheckedLogoutRequest {
  const { id, issuedAt } = checkEnvelope(root, "LogoutRequest", expect);
  const notOnOrAfter = readInstant(root, "NotOnOrAfter");
  const skew = expect.skewSeconds * 1000;
  if (notOnOrAfter !== undefined && expect.now.getTime() - skew >= notOnOrAfter)
    throw new SamlRejection("expired", "saml_expired", "The LogoutRequest has expired.");
  if (child(root, SAML_NS.assertion, "EncryptedID"))
    throw invalidSaml("encrypted_name_id", "Encrypted NameIDs in a LogoutRequest are not supported.");
  const nameIdElement = child(root, SAML_NS.assertion, "NameID");
  const nameId = nameIdElement?.textContent?.trim() ?? "";
  if (!nameId) throw invalidSaml("no_subject", "The LogoutRequest names no subject.");
  const sessionIndexes = childElements(root, SAML_NS.protocol, "SessionIndex")
    .map((s) => s.textContent?.trim() ?? "")
    .filter(Boolean);
  return {
    id,
    nameId,
    format: nameIdElement?.getAttribute("Format") || undefined,
    sessionIndexes,
    replayUntil: new Date(issuedAt + LOGOUT_MESSAGE_MAX_AGE_SECONDS * 1000 + 2 * skew),
  };
}

export type CheckedLogoutResponse = { inResponseTo: string; statusCodes: string[]; isSuccess: boolean };

export function checkLogoutResponse(root: XmlElement, expect: LogoutExpectations): CheckedLogoutResponse {
  checkEnvelope(root, "LogoutResponse", expect);
  const inResponseTo = root.getAttribute("InResponseTo") ?? "";
  if (!inResponseTo) throw invalidSaml("no_in_response_to", "The LogoutResponse answers no request.");
  const statusCodes: string[] = [];
  let code = child(child(root, SAML_NS.protocol, "Status"), SAML_NS.protocol, "StatusCode");
  for (; code; code = child(code, SAML_NS.protocol, "StatusCode")) statusCodes.push(code.getAttribute("Value") ?? "");
  return { inResponseTo, statusCodes, isSuccess: statusCodes[0] === SUCCESS };
}
