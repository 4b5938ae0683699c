import type { KeyObject } from "node:crypto";
import { XMLSerializer, type Element as XmlElement } from "@xmldom/xmldom";
import { decryptAssertion, decryptionFailed } from "@/lib/saml/decrypt-assertion";
import { findEncryptedAssertion, findSingleAssertion } from "@/lib/saml/response-checks";
import { child, parseSamlXml, SAML_NS } from "@/lib/saml/saml-dom";
import { invalidSaml, SamlRejection } from "@/lib/saml/saml-rejection";
import { verifyEnvelopedSignature, verifyResponseSignature } from "@/lib/saml/verify-response-signature";
import { checkXmlShape } from "@/lib/xml/check-xml-shape";
import { childElements } from "@/lib/xml/parse-xml";

/**
 * The response's one assertion, decrypted first when the IdP encrypted it, with its signature
 * verified. Pure. `signedXml` is the canonical XML the signature covers (the only text identity is
 * read from); `verifiedXml` is the document that signature was checked in, and `decryptedXml` the
 * response with its assertion decrypted (for samlify's gate).
 */
export type SignedAssertion = { signedXml: string; verifiedXml: string; decryptedXml?: string };

/** The namespace declarations in force at `el`, so its decrypted content parses as it was written. */
function namespacesInScope(el: XmlElement): string {
  const declared = new Map<string, string>();
  for (let node: XmlElement | null = el; node && node.nodeType === 1; node = node.parentNode as XmlElement | null) {
    for (const attribute of Array.from(node.attributes)) {
      const isDeclaration = attribute.name === "xmlns" || attribute.name.startsWith("xmlns:");
      if (isDeclaration && !declared.has(attribute.name)) declared.set(attribute.name, attribute.value);
    }
  }
  const esc = (v: string) => v.replace(/[&<"]/g, (c) => `&#${c.charCodeAt(0)};`);
  return [...declared].map(([name, value]) => `${name}="${esc(value)}"`).join(" ");
}

/** The one assertion a decrypted plaintext must be, parsed with the namespaces it was encrypted in. */
function readDecryptedAssertion(plaintext: string, namespaces: string): XmlElement {
  // The plaintext is as hostile as any received XML: the same limits before a parser sees it.
  const shape = checkXmlShape(plaintext);
  if (shape) throw invalidSaml(shape.reason, `The decrypted assertion is refused: ${shape.message}`);
  const wrapper = parseSamlXml(`<w ${namespaces}>${plaintext}</w>`, "decrypted assertion");
  const elements = Array.from(wrapper.childNodes).filter((n) => n.nodeType !== 3 || n.nodeValue?.trim());
  const assertion = elements[0] as XmlElement | undefined;
  if (elements.length !== 1 || assertion?.namespaceURI !== SAML_NS.assertion || assertion.localName !== "Assertion")
    throw invalidSaml("assertion_count", "The encrypted assertion must hold exactly one assertion.");
  return assertion;
}

/** The response as received, with its EncryptedAssertion replaced by the assertion it holds. */
function decryptInPlace(xml: string, keys: KeyObject[]): string {
  const response = parseSamlXml(xml, "SAML response");
  const encrypted = findEncryptedAssertion(response) as XmlElement;
  const plaintext = decryptAssertion(encrypted, keys);
  // A changed AES-CBC ciphertext whose padding happens to pass decrypts to garbage: refused with
  // the same reason as a padding failure, so not even the audit log tells the two apart.
  let assertion: XmlElement;
  try {
    assertion = readDecryptedAssertion(plaintext, namespacesInScope(encrypted));
  } catch (error) {
    throw error instanceof SamlRejection ? decryptionFailed() : error;
  }
  const doc = response.ownerDocument!;
  response.replaceChild(doc.importNode(assertion, true), encrypted);
  return new XMLSerializer().serializeToString(doc);
}

/**
 * Signed then encrypted: the assertion's own signature, checked in the decrypted response.
 * Encrypted then signed: the response's signature, checked as received (it covers the ciphertext,
 * so the one assertion decrypted from it). Either suffices, as for a plain assertion.
 */
function verifyEncrypted(
  xml: string,
  response: XmlElement,
  certificates: string[],
  keys: KeyObject[],
): SignedAssertion {
  const responseSignature = child(response, SAML_NS.dsig, "Signature");
  const isResponseSigned =
    !!responseSignature && !!verifyEnvelopedSignature(xml, response, responseSignature, response, certificates);
  const plainXml = decryptInPlace(xml, keys);
  const plainResponse = parseSamlXml(plainXml, "decrypted response");
  const assertion = findSingleAssertion(plainResponse);
  const assertionSignature = childElements(assertion, SAML_NS.dsig, "Signature")[0];
  if (isResponseSigned)
    return { signedXml: new XMLSerializer().serializeToString(assertion), verifiedXml: xml, decryptedXml: plainXml };
  if (!assertionSignature)
    throw invalidSaml(responseSignature ? "bad_signature" : "unsigned", unsignedMessage(responseSignature));
  const signedXml = verifyEnvelopedSignature(plainXml, plainResponse, assertionSignature, assertion, certificates);
  if (!signedXml) throw invalidSaml("bad_signature", "The signature is not valid for the IdP's certificate.");
  return { signedXml, verifiedXml: plainXml, decryptedXml: plainXml };
}

const unsignedMessage = (responseSignature: XmlElement | undefined) =>
  responseSignature ? "The signature is not valid for the IdP's certificate." : "The response is not signed.";

export function verifySignedAssertion({
  xml,
  response,
  certificates,
  decryptionKeys,
}: {
  xml: string;
  response: XmlElement;
  certificates: string[];
  decryptionKeys: KeyObject[];
}): SignedAssertion {
  if (!findEncryptedAssertion(response)) {
    const assertion = findSingleAssertion(response);
    return { signedXml: verifyResponseSignature({ xml, response, assertion, certificates }), verifiedXml: xml };
  }
  return verifyEncrypted(xml, response, certificates, decryptionKeys);
}
