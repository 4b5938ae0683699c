import { X509Certificate } from "node:crypto";
import type { Element as XmlElement } from "@xmldom/xmldom";
import { childElements, parseXmlStrict } from "@/lib/xml/parse-xml";
import { SignedXml } from "xml-crypto";

/**
 * Airlock's own checks on a SAML Response from the corporate IdP, before any identity is read.
 * samlify verifies the signature but leaves most of the response to the caller; this does the
 * rest. Pure: the clock and the IdP's pinned certificates are passed in. Identity is read only
 * from the canonical XML the signature covers, so a wrapped or injected element cannot be read.
 */

const NS = {
  protocol: "urn:oasis:names:tc:SAML:2.0:protocol",
  assertion: "urn:oasis:names:tc:SAML:2.0:assertion",
  dsig: "http://www.w3.org/2000/09/xmldsig#",
};
const SIGNATURE_METHODS = new Set([
  "http://www.w3.org/2001/04/xmldsig-more#rsa-sha256",
  "http://www.w3.org/2001/04/xmldsig-more#rsa-sha384",
  "http://www.w3.org/2001/04/xmldsig-more#rsa-sha512",
]);
const DIGEST_METHODS = new Set([
  "http://www.w3.org/2001/04/xmlenc#sha256",
  "http://www.w3.org/2001/04/xmldsig-more#sha384",
  "http://www.w3.org/2001/04/xmlenc#sha512",
]);
export const MAX_SAML_RESPONSE_BYTES = 256 * 1024;

/** Why a response was refused: `reason` for the audit log, `userCode` for the page the person sees. */
export class SamlRejection extends Error {
  constructor(
    readonly reason: string,
    readonly userCode:
      | "saml_invalid"
      | "saml_expired"
      | "saml_replayed"
      | "saml_unsolicited"
      | "saml_request_unknown"
      | "saml_unavailable"
      | "saml_too_large"
      | "saml_status"
      | "database_unavailable",
    message: string,
  ) {
    super(message);
    this.name = "SamlRejection";
  }
}

/**
 * The IdP answered with a status other than Success (no identity to read): which request it
 * answers, so that a "no" to a passive request can send the person to an interactive sign-in.
 */
export class SamlStatusRejection extends SamlRejection {
  constructor(
    readonly inResponseTo: string | null,
    /** The top-level status code first, then the nested ones (e.g. Responder, NoPassive). */
    readonly statusCodes: string[],
  ) {
    super("status_not_success", "saml_status", `The IdP reported status ${statusCodes.join(" / ") || "(none)"}.`);
    this.name = "SamlStatusRejection";
  }
}

export type SamlExpectations = {
  idpEntityId: string;
  idpCertificatesPem: string[];
  spEntityId: string;
  acsUrl: string;
  now: Date;
  skewSeconds: number;
};

export type ValidatedAssertion = {
  assertionId: string;
  issuer: string;
  nameId: string;
  inResponseTo: string | null;
  /** When the assertion stops being acceptable: how long its id stays in the replay cache. */
  expiresAt: Date;
  attributes: Record<string, string[]>;
};

const invalid = (reason: string, message: string) => new SamlRejection(reason, "saml_invalid", message);

function child(el: XmlElement | undefined, ns: string, name: string): XmlElement | undefined {
  return el ? childElements(el, ns, name)[0] : undefined;
}

function parse(xml: string, what: string): XmlElement {
  const root = parseXmlStrict(xml);
  if (!root) throw invalid("malformed_xml", `The ${what} is not well-formed XML.`);
  return root;
}

function countIds(el: XmlElement, id: string): number {
  let count = ["ID", "Id", "id"].some((name) => el.getAttribute(name) === id) ? 1 : 0;
  for (let n = el.firstChild; n; n = n.nextSibling) if (n.nodeType === 1) count += countIds(n as XmlElement, id);
  return count;
}

/** Verifies one enveloped signature against the pinned certificates; returns the signed element's canonical XML. */
function verifySignature(
  xml: string,
  root: XmlElement,
  signature: XmlElement,
  signed: XmlElement,
  certificates: string[],
): string | undefined {
  const method = signature.getElementsByTagNameNS(NS.dsig, "SignatureMethod")[0]?.getAttribute("Algorithm") ?? "";
  if (!SIGNATURE_METHODS.has(method))
    throw invalid(
      "signature_algorithm",
      `The signature uses ${method || "no algorithm"}, which Airlock does not accept (SHA-256 or stronger RSA only).`,
    );
  const references = signature.getElementsByTagNameNS(NS.dsig, "Reference");
  for (let i = 0; i < references.length; i++) {
    const digest = references[i].getElementsByTagNameNS(NS.dsig, "DigestMethod")[0]?.getAttribute("Algorithm") ?? "";
    if (!DIGEST_METHODS.has(digest))
      throw invalid(
        "digest_algorithm",
        `The signature digest uses ${digest || "no algorithm"}, which Airlock does not accept (SHA-256 or stronger).`,
      );
  }
  const id = signed.getAttribute("ID");
  if (references.length !== 1 || !id || references[0].getAttribute("URI") !== `#${id}` || countIds(root, id) !== 1) {
    throw invalid("signature_reference", "The signature does not cover exactly the element that carries it.");
  }
  for (const publicCert of certificates) {
    // getCertFromKeyInfo returns nothing: only the pinned certificate counts, never one in the message.
    const verifier = new SignedXml({ publicCert, getCertFromKeyInfo: () => null });
    verifier.loadSignature(signature as unknown as Node);
    try {
      if (verifier.checkSignature(xml)) return verifier.getSignedReferences()[0];
    } catch {
      // try the next pinned certificate
    }
  }
  return undefined;
}

function instant(el: XmlElement | undefined, name: string): number | undefined {
  const value = el?.getAttribute(name);
  if (!value) return undefined;
  const ms = Date.parse(value);
  if (Number.isNaN(ms)) throw invalid("bad_time", `${name} is not a valid time.`);
  return ms;
}

export function validateSamlResponse(xml: string, expect: SamlExpectations): ValidatedAssertion {
  if (Buffer.byteLength(xml) > MAX_SAML_RESPONSE_BYTES)
    throw new SamlRejection("too_large", "saml_too_large", "The SAML response is larger than 256 KiB.");
  if (/<!DOCTYPE|<!ENTITY/i.test(xml))
    throw invalid("doctype", "The SAML response contains a DOCTYPE or entity declaration.");
  const response = parse(xml, "SAML response");
  if (response.namespaceURI !== NS.protocol || response.localName !== "Response")
    throw invalid("not_a_response", "The message is not a SAML Response.");
  if (response.getAttribute("Destination") !== expect.acsUrl)
    throw invalid(
      "wrong_destination",
      `The response is addressed to ${response.getAttribute("Destination") ?? "nobody"}, not ${expect.acsUrl}.`,
    );
  const responseIssuer = child(response, NS.assertion, "Issuer")?.textContent?.trim();
  if (responseIssuer && responseIssuer !== expect.idpEntityId)
    throw invalid("wrong_issuer", `The response was issued by ${responseIssuer}, not ${expect.idpEntityId}.`);
  const statusCodes: string[] = [];
  for (let code = child(child(response, NS.protocol, "Status"), NS.protocol, "StatusCode"); code;) {
    statusCodes.push(code.getAttribute("Value") ?? "");
    code = child(code, NS.protocol, "StatusCode");
  }
  if (statusCodes[0] !== "urn:oasis:names:tc:SAML:2.0:status:Success")
    throw new SamlStatusRejection(response.getAttribute("InResponseTo") || null, statusCodes);

  const doc = response.ownerDocument as unknown as XmlElement;
  if (doc.getElementsByTagNameNS(NS.assertion, "EncryptedAssertion").length)
    throw invalid(
      "encrypted_assertion",
      "Encrypted assertions are not supported; turn assertion encryption off for Airlock.",
    );
  const assertions = childElements(response, NS.assertion, "Assertion");
  if (assertions.length !== 1 || doc.getElementsByTagNameNS(NS.assertion, "Assertion").length !== 1)
    throw invalid("assertion_count", "The response must carry exactly one assertion.");
  const assertion = assertions[0];

  // The signature on the assertion, or on the whole response, by a pinned certificate.
  const assertionSignature = child(assertion, NS.dsig, "Signature");
  const responseSignature = child(response, NS.dsig, "Signature");
  if (!assertionSignature && !responseSignature) throw invalid("unsigned", "The response is not signed.");
  let signedXml = assertionSignature
    ? verifySignature(xml, response, assertionSignature, assertion, expect.idpCertificatesPem)
    : undefined;
  if (!signedXml && responseSignature)
    signedXml = verifySignature(xml, response, responseSignature, response, expect.idpCertificatesPem);
  if (!signedXml) throw invalid("bad_signature", "The signature is not valid for the IdP's certificate.");

  // From here on, read only what the signature covers.
  const signedRoot = parse(signedXml, "signed part");
  const signed = signedRoot.localName === "Assertion" ? signedRoot : child(signedRoot, NS.assertion, "Assertion");
  if (!signed) throw invalid("assertion_count", "The signed part carries no assertion.");
  const assertionId = signed.getAttribute("ID") ?? "";
  const issuer = child(signed, NS.assertion, "Issuer")?.textContent?.trim() ?? "";
  if (issuer !== expect.idpEntityId)
    throw invalid("wrong_issuer", `The assertion was issued by ${issuer || "nobody"}, not ${expect.idpEntityId}.`);

  const now = expect.now.getTime();
  const skew = expect.skewSeconds * 1000;
  const conditions = child(signed, NS.assertion, "Conditions");
  if (!conditions) throw invalid("no_conditions", "The assertion has no Conditions.");
  const notBefore = instant(conditions, "NotBefore");
  const notOnOrAfter = instant(conditions, "NotOnOrAfter");
  if (notOnOrAfter === undefined) throw invalid("no_expiry", "The assertion's Conditions have no NotOnOrAfter.");
  if (notBefore !== undefined && now + skew < notBefore)
    throw new SamlRejection("not_yet_valid", "saml_expired", "The assertion is not valid yet (check the clocks).");
  if (now - skew >= notOnOrAfter) throw new SamlRejection("expired", "saml_expired", "The assertion has expired.");
  const audiences = Array.from(conditions.getElementsByTagNameNS(NS.assertion, "Audience")).map((a) =>
    a.textContent?.trim(),
  );
  if (!audiences.includes(expect.spEntityId))
    throw invalid(
      "wrong_audience",
      `The assertion is meant for ${audiences.join(", ") || "nobody"}, not ${expect.spEntityId}.`,
    );

  const subject = child(signed, NS.assertion, "Subject");
  const nameId = child(subject, NS.assertion, "NameID")?.textContent?.trim() ?? "";
  if (!nameId) throw invalid("no_subject", "The assertion names no subject.");
  const bearer = subject
    ? childElements(subject, NS.assertion, "SubjectConfirmation").find(
        (c) => c.getAttribute("Method") === "urn:oasis:names:tc:SAML:2.0:cm:bearer",
      )
    : undefined;
  const data = child(bearer, NS.assertion, "SubjectConfirmationData");
  if (!data) throw invalid("no_bearer_confirmation", "The assertion has no bearer SubjectConfirmation.");
  if (data.getAttribute("Recipient") !== expect.acsUrl)
    throw invalid(
      "wrong_recipient",
      `The assertion's Recipient is ${data.getAttribute("Recipient") ?? "missing"}, not ${expect.acsUrl}.`,
    );
  const confirmationExpiry = instant(data, "NotOnOrAfter");
  if (confirmationExpiry === undefined || now - skew >= confirmationExpiry)
    throw new SamlRejection(
      "confirmation_expired",
      "saml_expired",
      "The assertion's subject confirmation has expired.",
    );
  const inResponseTo = data.getAttribute("InResponseTo") || null;
  const responseInResponseTo = response.getAttribute("InResponseTo") || null;
  if (responseInResponseTo && responseInResponseTo !== inResponseTo)
    throw invalid("in_response_to_mismatch", "The response and the signed assertion answer different requests.");

  const attributes: Record<string, string[]> = {};
  for (const statement of childElements(signed, NS.assertion, "AttributeStatement")) {
    for (const attribute of childElements(statement, NS.assertion, "Attribute")) {
      const name = attribute.getAttribute("Name") ?? "";
      attributes[name] = [
        ...(attributes[name] ?? []),
        ...childElements(attribute, NS.assertion, "AttributeValue").map((v) => (v.textContent ?? "").trim()),
      ];
    }
  }
  return {
    assertionId,
    issuer,
    nameId,
    inResponseTo,
    expiresAt: new Date(Math.min(notOnOrAfter, confirmationExpiry) + skew),
    attributes,
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
