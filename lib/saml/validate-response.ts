import { X509Certificate, type KeyObject } from "node:crypto";
import {
  checkAssertionIssuer,
  checkAudience,
  checkBearerConfirmation,
  checkTimeWindow,
  readAttributes,
  readLogoutHandle,
  readNameId,
  readNameIdFormat,
} from "@/lib/saml/assertion-checks";
import {
  checkDestination,
  checkInResponseTo,
  checkIsResponse,
  checkResponseIssuer,
  checkResponseText,
  checkStatus,
} from "@/lib/saml/response-checks";
import { child, parseSamlXml, readInstant, SAML_NS } from "@/lib/saml/saml-dom";
import { invalidSaml } from "@/lib/saml/saml-rejection";
import { verifySignedAssertion } from "@/lib/saml/signed-assertion";

/**
 * Airlock's own checks on a SAML Response from the corporate IdP, before any identity is read.
 * samlify verifies the signature but leaves most of the response to the caller; this does the
 * rest. Pure: the clock and the IdP's pinned certificates are passed in. Identity is read only
 * from the canonical XML the signature covers, so a wrapped or injected element cannot be read.
 * Each check is a named function (response-checks.ts, verify-response-signature.ts,
 * assertion-checks.ts) with its own unit tests; this is their order.
 */

export { MAX_SAML_RESPONSE_BYTES } from "@/lib/saml/response-checks";
export { SamlRejection, SamlStatusRejection } from "@/lib/saml/saml-rejection";

export type SamlExpectations = {
  idpEntityId: string;
  idpCertificatesPem: string[];
  spEntityId: string;
  acsUrl: string;
  now: Date;
  skewSeconds: number;
  /** Airlock's SAML encryption keys; none when assertion encryption is not configured. */
  decryptionKeys?: KeyObject[];
};

export type ValidatedAssertion = {
  assertionId: string;
  issuer: string;
  nameId: string;
  /** The NameID's Format; null when absent. */
  nameIdFormat: string | null;
  inResponseTo: string | null;
  /** When the assertion stops being acceptable: how long its id stays in the replay cache. */
  expiresAt: Date;
  attributes: Record<string, string[]>;
  /** The response as its signature was verified (decrypted when the assertion's own signature counted). */
  verifiedXml: string;
  /** The response with its assertion decrypted, when the IdP encrypted it. */
  decryptedXml?: string;
  /** What a single logout names the person and their IdP session by. */
  logoutHandle: ReturnType<typeof readLogoutHandle>;
  /** The AuthnStatement's AuthnInstant (ms): when the person authenticated at the IdP. */
  authnInstant: number | null;
};

export function validateSamlResponse(xml: string, expect: SamlExpectations): ValidatedAssertion {
  checkResponseText(xml);
  const response = parseSamlXml(xml, "SAML response");
  checkIsResponse(response);
  checkDestination(response, expect.acsUrl);
  checkResponseIssuer(response, expect.idpEntityId);
  checkStatus(response);
  const { signedXml, verifiedXml, decryptedXml } = verifySignedAssertion({
    xml,
    response,
    certificates: expect.idpCertificatesPem,
    decryptionKeys: expect.decryptionKeys ?? [],
  });

  // From here on, read only what the signature covers.
  const signedRoot = parseSamlXml(signedXml, "signed part");
  const signed = signedRoot.localName === "Assertion" ? signedRoot : child(signedRoot, SAML_NS.assertion, "Assertion");
  if (!signed) throw invalidSaml("assertion_count", "The signed part carries no assertion.");
  const issuer = checkAssertionIssuer(signed, expect.idpEntityId);
  const notOnOrAfter = checkTimeWindow(signed, expect);
  checkAudience(signed, expect.spEntityId);
  const nameId = readNameId(signed);
  const confirmation = checkBearerConfirmation(signed, expect);
  checkInResponseTo(response, confirmation.inResponseTo);
  return {
    assertionId: signed.getAttribute("ID") ?? "",
    issuer,
    nameId,
    nameIdFormat: readNameIdFormat(signed),
    inResponseTo: confirmation.inResponseTo,
    expiresAt: new Date(Math.min(notOnOrAfter, confirmation.expiresAt) + expect.skewSeconds * 1000),
    attributes: readAttributes(signed),
    verifiedXml,
    decryptedXml,
    logoutHandle: readLogoutHandle(signed),
    authnInstant: readInstant(child(signed, SAML_NS.assertion, "AuthnStatement"), "AuthnInstant") ?? null,
  };
}

/** PEM certificates from base64 DER, as metadata carries them; malformed ones are dropped. */
export function toPemCertificates(base64Certificates: string[]): string[] {
  return base64Certificates.flatMap((b64) => {
    try {
      return [new X509Certificate(Buffer.from(b64.replace(/\s+/g, ""), "base64")).toString()];
    } catch {
      return [];
    }
  });
}
