import { randomUUID } from "node:crypto";
import { SignedXml } from "xml-crypto";
import type { SigningMaterial } from "@/lib/saml/signing-key";

/** Builds and signs SAML Responses the way a corporate IdP would, so tests can also forge them. */

export const IDP_ENTITY_ID = "https://idp.example.com/metadata";
export const SP_ENTITY_ID = "http://localhost:3000/api/saml/sp/metadata";
export const ACS_URL = "http://localhost:3000/api/saml/acs";

export type ResponseOptions = {
  issuer?: string;
  destination?: string;
  recipient?: string;
  audience?: string;
  inResponseTo?: string;
  now?: Date;
  notBefore?: Date;
  notOnOrAfter?: Date;
  omitConditions?: boolean;
  nameId?: string;
  /** The NameID's Format; null leaves the attribute out. Persistent unless given. */
  nameIdFormat?: string | null;
  attributes?: Record<string, string[]>;
  status?: string;
  assertionId?: string;
  /** When the IdP says the person authenticated; `now` unless given. */
  authnInstant?: Date;
};

const esc = (v: string) => v.replace(/[&<>"]/g, (c) => `&#${c.charCodeAt(0)};`);
const iso = (d: Date) => d.toISOString();

export function buildIdpResponse(o: ResponseOptions = {}): string {
  const now = o.now ?? new Date();
  const later = new Date(now.getTime() + 5 * 60 * 1000);
  const assertionId = o.assertionId ?? `_a${randomUUID()}`;
  const format = o.nameIdFormat === undefined ? "urn:oasis:names:tc:SAML:2.0:nameid-format:persistent" : o.nameIdFormat;
  const inResponseTo = o.inResponseTo ? ` InResponseTo="${esc(o.inResponseTo)}"` : "";
  const attributes = Object.entries(
    o.attributes ?? { email: ["alice@example.com"], name: ["Alice Example"], groups: ["engineering", "sre"] },
  )
    .map(
      ([name, values]) =>
        `<saml:Attribute Name="${esc(name)}">${values.map((v) => `<saml:AttributeValue>${v}</saml:AttributeValue>`).join("")}</saml:Attribute>`,
    )
    .join("");
  const conditions = o.omitConditions
    ? ""
    : `<saml:Conditions NotBefore="${iso(o.notBefore ?? now)}" NotOnOrAfter="${iso(o.notOnOrAfter ?? later)}"><saml:AudienceRestriction><saml:Audience>${esc(o.audience ?? SP_ENTITY_ID)}</saml:Audience></saml:AudienceRestriction></saml:Conditions>`;
  return (
    `<samlp:Response xmlns:samlp="urn:oasis:names:tc:SAML:2.0:protocol" xmlns:saml="urn:oasis:names:tc:SAML:2.0:assertion" ID="_r${randomUUID()}" Version="2.0" IssueInstant="${iso(now)}" Destination="${esc(o.destination ?? ACS_URL)}"${inResponseTo}>` +
    `<saml:Issuer>${esc(o.issuer ?? IDP_ENTITY_ID)}</saml:Issuer>` +
    `<samlp:Status><samlp:StatusCode Value="${o.status ?? "urn:oasis:names:tc:SAML:2.0:status:Success"}"/></samlp:Status>` +
    `<saml:Assertion ID="${assertionId}" Version="2.0" IssueInstant="${iso(now)}">` +
    `<saml:Issuer>${esc(o.issuer ?? IDP_ENTITY_ID)}</saml:Issuer>` +
    `<saml:Subject><saml:NameID${format === null ? "" : ` Format="${esc(format)}"`}>${o.nameId ?? "alice-0001"}</saml:NameID>` +
    `<saml:SubjectConfirmation Method="urn:oasis:names:tc:SAML:2.0:cm:bearer"><saml:SubjectConfirmationData NotOnOrAfter="${iso(o.notOnOrAfter ?? later)}" Recipient="${esc(o.recipient ?? ACS_URL)}"${inResponseTo}/></saml:SubjectConfirmation></saml:Subject>` +
    conditions +
    `<saml:AuthnStatement AuthnInstant="${iso(o.authnInstant ?? now)}" SessionIndex="${assertionId}"><saml:AuthnContext><saml:AuthnContextClassRef>urn:oasis:names:tc:SAML:2.0:ac:classes:PasswordProtectedTransport</saml:AuthnContextClassRef></saml:AuthnContext></saml:AuthnStatement>` +
    `<saml:AttributeStatement>${attributes}</saml:AttributeStatement>` +
    `</saml:Assertion></samlp:Response>`
  );
}

/** A Response that carries only a status (top-level code first, then nested ones), as IdPs send when they say no. */
export function buildIdpStatusResponse({
  inResponseTo,
  statusCodes,
}: {
  inResponseTo?: string;
  statusCodes: string[];
}): string {
  const codes = statusCodes.reduceRight(
    (inner, code) => `<samlp:StatusCode Value="${esc(code)}">${inner}</samlp:StatusCode>`,
    "",
  );
  return (
    `<samlp:Response xmlns:samlp="urn:oasis:names:tc:SAML:2.0:protocol" xmlns:saml="urn:oasis:names:tc:SAML:2.0:assertion" ID="_r${randomUUID()}" Version="2.0" IssueInstant="${iso(new Date())}" Destination="${esc(ACS_URL)}"${inResponseTo ? ` InResponseTo="${esc(inResponseTo)}"` : ""}>` +
    `<saml:Issuer>${esc(IDP_ENTITY_ID)}</saml:Issuer><samlp:Status>${codes}</samlp:Status></samlp:Response>`
  );
}

/** Signs the assertion (enveloped, after its Issuer), with the certificate embedded in KeyInfo. */
export function signIdpResponse(
  xml: string,
  signer: SigningMaterial,
  { sha1 = false }: { sha1?: boolean } = {},
): string {
  const sig = new SignedXml({
    privateKey: signer.privateKey,
    publicCert: signer.certificatePem,
    signatureAlgorithm: sha1
      ? "http://www.w3.org/2000/09/xmldsig#rsa-sha1"
      : "http://www.w3.org/2001/04/xmldsig-more#rsa-sha256",
    canonicalizationAlgorithm: "http://www.w3.org/2001/10/xml-exc-c14n#",
  });
  sig.addReference({
    xpath: "/*[local-name(.)='Response']/*[local-name(.)='Assertion']",
    digestAlgorithm: sha1 ? "http://www.w3.org/2000/09/xmldsig#sha1" : "http://www.w3.org/2001/04/xmlenc#sha256",
    transforms: ["http://www.w3.org/2000/09/xmldsig#enveloped-signature", "http://www.w3.org/2001/10/xml-exc-c14n#"],
  });
  sig.computeSignature(xml, {
    prefix: "ds",
    location: {
      reference: "/*[local-name(.)='Response']/*[local-name(.)='Assertion']/*[local-name(.)='Issuer']",
      action: "after",
    },
  });
  return sig.getSignedXml();
}
