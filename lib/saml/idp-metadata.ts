import { escapeXml } from "@/lib/saml/xml";

/** Airlock's IdP entity id: the Issuer of every assertion, and the id IAM records. */
export function buildIdpEntityId(baseUrl: string): string {
  return `${baseUrl}/api/saml/idp/metadata`;
}

/**
 * The IdP metadata an AWS admin uploads to IAM as the SAML provider. Several certificates may be
 * listed, so a new signing key can be published before it is used (key rotation).
 */
export function buildIdpMetadata({
  entityId,
  ssoUrl,
  certificatesBase64,
  validUntil,
  sloUrl,
}: {
  entityId: string;
  ssoUrl: string;
  certificatesBase64: string[];
  validUntil?: Date;
  /** A SingleLogoutService (HTTP-Redirect): the demo corporate IdP has one, Airlock's own IdP none. */
  sloUrl?: string;
}): string {
  const keys = certificatesBase64
    .map(
      (cert) =>
        `<md:KeyDescriptor use="signing"><ds:KeyInfo xmlns:ds="http://www.w3.org/2000/09/xmldsig#"><ds:X509Data><ds:X509Certificate>${escapeXml(cert)}</ds:X509Certificate></ds:X509Data></ds:KeyInfo></md:KeyDescriptor>`,
    )
    .join("");
  const valid = validUntil ? ` validUntil="${validUntil.toISOString()}"` : "";
  return (
    `<?xml version="1.0" encoding="UTF-8"?>\n` +
    `<md:EntityDescriptor xmlns:md="urn:oasis:names:tc:SAML:2.0:metadata" entityID="${escapeXml(entityId)}"${valid}>` +
    `<md:IDPSSODescriptor WantAuthnRequestsSigned="false" protocolSupportEnumeration="urn:oasis:names:tc:SAML:2.0:protocol">` +
    keys +
    (sloUrl
      ? `<md:SingleLogoutService Binding="urn:oasis:names:tc:SAML:2.0:bindings:HTTP-Redirect" Location="${escapeXml(sloUrl)}"/>`
      : "") +
    `<md:NameIDFormat>urn:oasis:names:tc:SAML:2.0:nameid-format:persistent</md:NameIDFormat>` +
    `<md:SingleSignOnService Binding="urn:oasis:names:tc:SAML:2.0:bindings:HTTP-Redirect" Location="${escapeXml(ssoUrl)}"/>` +
    `</md:IDPSSODescriptor>` +
    `</md:EntityDescriptor>\n`
  );
}
