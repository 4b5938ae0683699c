import { canonicalAttribute, canonicalText, escapeXml } from "@/lib/saml/xml";
import type { SessionTag } from "@/lib/saml/aws-attributes";

/**
 * The SAML Response Airlock sends to AWS STS, unsigned (lib/saml/sign-assertion.ts signs it).
 * Pure: the clock and ids are injected. Every value is escaped, so no input can add an element
 * or attribute. The contract with AWS (Destination and Recipient, audience, attribute names and
 * limits) is described in README.md "How Airlock reaches AWS", and checked independently of this
 * code by the local AWS emulator (dev/aws-emulator/verify-saml.ts).
 */

export const AWS_ATTRIBUTE = {
  role: "https://aws.amazon.com/SAML/Attributes/Role",
  roleSessionName: "https://aws.amazon.com/SAML/Attributes/RoleSessionName",
  sessionDuration: "https://aws.amazon.com/SAML/Attributes/SessionDuration",
  sourceIdentity: "https://aws.amazon.com/SAML/Attributes/SourceIdentity",
  principalTagPrefix: "https://aws.amazon.com/SAML/Attributes/PrincipalTag:",
} as const;

/** How far NotBefore is backdated for clock skew, and how long the assertion is good for. */
export const ASSERTION_SKEW_SECONDS = 60;
export const ASSERTION_LIFETIME_SECONDS = 300;

export type AssertionInput = {
  issuer: string;
  /** SAML sign-in endpoint of the partition: Destination and Recipient. */
  recipient: string;
  audience: string;
  responseId: string;
  assertionId: string;
  now: Date;
  authnInstant?: Date;
  nameId: string;
  roleArn: string;
  providerArn: string;
  roleSessionName: string;
  sessionDurationSeconds: number;
  sourceIdentity?: string;
  tags?: SessionTag[];
};

function isoSeconds(date: Date): string {
  return date.toISOString().replace(/\.\d{3}Z$/, "Z");
}

function attribute(name: string, value: string): string {
  return `<saml:Attribute Name="${canonicalAttribute(name)}" NameFormat="urn:oasis:names:tc:SAML:2.0:attrname-format:uri"><saml:AttributeValue>${canonicalText(value)}</saml:AttributeValue></saml:Attribute>`;
}

/**
 * The Response as text, with where its Assertion lies in it: `xml.slice(assertion.start,
 * assertion.end)` is the Assertion in exclusive canonical form, exactly the octets the signature's
 * Reference digests, and the Signature goes at `signatureAt`, right after the Assertion's Issuer.
 */
export type UnsignedResponse = {
  xml: string;
  assertionId: string;
  assertion: { start: number; end: number };
  signatureAt: number;
};

export function buildAssertionResponse(input: AssertionInput): UnsignedResponse {
  const issueInstant = isoSeconds(input.now);
  const notBefore = isoSeconds(new Date(input.now.getTime() - ASSERTION_SKEW_SECONDS * 1000));
  const notOnOrAfter = isoSeconds(new Date(input.now.getTime() + ASSERTION_LIFETIME_SECONDS * 1000));
  const recipient = canonicalAttribute(input.recipient);
  const attributes = [
    attribute(AWS_ATTRIBUTE.role, `${input.roleArn},${input.providerArn}`),
    attribute(AWS_ATTRIBUTE.roleSessionName, input.roleSessionName),
    attribute(AWS_ATTRIBUTE.sessionDuration, String(input.sessionDurationSeconds)),
    ...(input.sourceIdentity ? [attribute(AWS_ATTRIBUTE.sourceIdentity, input.sourceIdentity)] : []),
    ...(input.tags ?? []).map((tag) => attribute(`${AWS_ATTRIBUTE.principalTagPrefix}${tag.key}`, tag.value)),
  ].join("");

  const responseStart =
    `<samlp:Response xmlns:samlp="urn:oasis:names:tc:SAML:2.0:protocol" xmlns:saml="urn:oasis:names:tc:SAML:2.0:assertion" ID="${escapeXml(input.responseId)}" Version="2.0" IssueInstant="${issueInstant}" Destination="${escapeXml(input.recipient)}">` +
    `<saml:Issuer>${escapeXml(input.issuer)}</saml:Issuer>` +
    `<samlp:Status><samlp:StatusCode Value="urn:oasis:names:tc:SAML:2.0:status:Success"/></samlp:Status>`;
  // The Assertion is written in exclusive canonical form (W3C xml-exc-c14n): its namespace
  // declared on itself, attributes in sorted order, empty elements as start-end pairs, canonical
  // escaping, no whitespace. A parser reads it back to a tree whose canonical form is this text.
  const assertionHead =
    `<saml:Assertion xmlns:saml="urn:oasis:names:tc:SAML:2.0:assertion" ID="${canonicalAttribute(input.assertionId)}" IssueInstant="${issueInstant}" Version="2.0">` +
    `<saml:Issuer>${canonicalText(input.issuer)}</saml:Issuer>`;
  const assertionTail =
    `<saml:Subject>` +
    `<saml:NameID Format="urn:oasis:names:tc:SAML:2.0:nameid-format:persistent">${canonicalText(input.nameId)}</saml:NameID>` +
    `<saml:SubjectConfirmation Method="urn:oasis:names:tc:SAML:2.0:cm:bearer"><saml:SubjectConfirmationData NotOnOrAfter="${notOnOrAfter}" Recipient="${recipient}"></saml:SubjectConfirmationData></saml:SubjectConfirmation>` +
    `</saml:Subject>` +
    `<saml:Conditions NotBefore="${notBefore}" NotOnOrAfter="${notOnOrAfter}"><saml:AudienceRestriction><saml:Audience>${canonicalText(input.audience)}</saml:Audience></saml:AudienceRestriction></saml:Conditions>` +
    `<saml:AuthnStatement AuthnInstant="${isoSeconds(input.authnInstant ?? input.now)}" SessionIndex="${canonicalAttribute(input.assertionId)}"><saml:AuthnContext><saml:AuthnContextClassRef>urn:oasis:names:tc:SAML:2.0:ac:classes:unspecified</saml:AuthnContextClassRef></saml:AuthnContext></saml:AuthnStatement>` +
    `<saml:AttributeStatement>${attributes}</saml:AttributeStatement>` +
    `</saml:Assertion>`;

  const start = responseStart.length;
  const signatureAt = start + assertionHead.length;
  const end = signatureAt + assertionTail.length;
  return {
    xml: `${responseStart}${assertionHead}${assertionTail}</samlp:Response>`,
    assertionId: input.assertionId,
    assertion: { start, end },
    signatureAt,
  };
}
