import { escapeXml } from "@/lib/saml/xml";

/**
 * The SAML 2.0 logout messages Airlock sends (SAML Core 3.7): a LogoutRequest naming the person
 * exactly as the IdP's assertion did, and the LogoutResponse to an IdP's request. Pure: ids and
 * the clock are passed in. Signed by the redirect binding (redirect-binding.ts), not in the XML.
 */

const NS = `xmlns:samlp="urn:oasis:names:tc:SAML:2.0:protocol" xmlns:saml="urn:oasis:names:tc:SAML:2.0:assertion"`;

export const STATUS = {
  success: "urn:oasis:names:tc:SAML:2.0:status:Success",
  requester: "urn:oasis:names:tc:SAML:2.0:status:Requester",
  responder: "urn:oasis:names:tc:SAML:2.0:status:Responder",
} as const;

/** The NameID as the IdP sent it, with its format and qualifiers, and the session index. */
export type SamlLogoutHandle = {
  nameId: string;
  format?: string;
  nameQualifier?: string;
  spNameQualifier?: string;
  sessionIndex?: string;
};

const attr = (name: string, value: string | undefined) => (value ? ` ${name}="${escapeXml(value)}"` : "");

export function buildLogoutRequestXml({
  id,
  now,
  destination,
  issuer,
  handle,
  lifetimeSeconds = 300,
}: {
  id: string;
  now: Date;
  destination: string;
  issuer: string;
  handle: SamlLogoutHandle;
  lifetimeSeconds?: number;
}): string {
  const notOnOrAfter = new Date(now.getTime() + lifetimeSeconds * 1000).toISOString();
  const nameId =
    `<saml:NameID${attr("Format", handle.format)}${attr("NameQualifier", handle.nameQualifier)}` +
    `${attr("SPNameQualifier", handle.spNameQualifier)}>${escapeXml(handle.nameId)}</saml:NameID>`;
  const sessionIndex = handle.sessionIndex
    ? `<samlp:SessionIndex>${escapeXml(handle.sessionIndex)}</samlp:SessionIndex>`
    : "";
  return (
    `<samlp:LogoutRequest ${NS} ID="${escapeXml(id)}" Version="2.0" IssueInstant="${now.toISOString()}"` +
    ` Destination="${escapeXml(destination)}" NotOnOrAfter="${notOnOrAfter}">` +
    `<saml:Issuer>${escapeXml(issuer)}</saml:Issuer>${nameId}${sessionIndex}</samlp:LogoutRequest>`
  );
}

export function buildLogoutResponseXml({
  id,
  now,
  destination,
  issuer,
  inResponseTo,
  status,
  message,
}: {
  id: string;
  now: Date;
  destination: string;
  issuer: string;
  inResponseTo: string;
  status: string;
  message?: string;
}): string {
  const statusMessage = message ? `<samlp:StatusMessage>${escapeXml(message)}</samlp:StatusMessage>` : "";
  return (
    `<samlp:LogoutResponse ${NS} ID="${escapeXml(id)}" Version="2.0" IssueInstant="${now.toISOString()}"` +
    ` Destination="${escapeXml(destination)}" InResponseTo="${escapeXml(inResponseTo)}">` +
    `<saml:Issuer>${escapeXml(issuer)}</saml:Issuer>` +
    `<samlp:Status><samlp:StatusCode Value="${escapeXml(status)}"/>${statusMessage}</samlp:Status>` +
    `</samlp:LogoutResponse>`
  );
}
