import { createHash, verify, X509Certificate, type KeyObject } from "node:crypto";
import type { Element as XmlElement } from "@xmldom/xmldom";
import { ExclusiveCanonicalization, ExclusiveCanonicalizationWithComments } from "xml-crypto";
import { childElements } from "@/lib/xml/parse-xml";

/**
 * XML signature verification as STS does it, on the parsed document: exclusive c14n of SignedInfo
 * and of the referenced element (xml-crypto's canonicalizer; Airlock writes canonical text without
 * one), RSA over the registered certificates only.
 */

const DSIG = "http://www.w3.org/2000/09/xmldsig#";
const EXC_C14N_NS = "http://www.w3.org/2001/10/xml-exc-c14n#";
const SIGNATURE_HASHES = new Map([
  ["http://www.w3.org/2001/04/xmldsig-more#rsa-sha256", "sha256"],
  ["http://www.w3.org/2001/04/xmldsig-more#rsa-sha512", "sha512"],
]);
const DIGEST_HASHES = new Map([
  ["http://www.w3.org/2000/09/xmldsig#sha1", "sha1"],
  ["http://www.w3.org/2001/04/xmlenc#sha256", "sha256"],
  ["http://www.w3.org/2001/04/xmldsig-more#sha384", "sha384"],
  ["http://www.w3.org/2001/04/xmlenc#sha512", "sha512"],
]);
// Exclusive c14n only: what Airlock and the mainstream IdPs sign with.
const CANONICALIZERS = new Map([
  ["http://www.w3.org/2001/10/xml-exc-c14n#", ExclusiveCanonicalization],
  ["http://www.w3.org/2001/10/xml-exc-c14n#WithComments", ExclusiveCanonicalizationWithComments],
]);
const ENVELOPED = "http://www.w3.org/2000/09/xmldsig#enveloped-signature";

const publicKeys = new Map<string, KeyObject | undefined>();

/** The registered certificate's public key, parsed once per certificate; RSA keys only. */
function publicKeyOf(certBase64: string): KeyObject | undefined {
  if (!publicKeys.has(certBase64)) {
    const key = new X509Certificate(Buffer.from(certBase64, "base64")).publicKey;
    publicKeys.set(certBase64, key.asymmetricKeyType === "rsa" ? key : undefined);
  }
  return publicKeys.get(certBase64);
}

function countElementsWithId(el: XmlElement, id: string): number {
  let count = ["ID", "Id", "id"].some((name) => el.getAttribute(name) === id) ? 1 : 0;
  for (let n = el.firstChild; n; n = n.nextSibling)
    if (n.nodeType === 1) count += countElementsWithId(n as XmlElement, id);
  return count;
}

function onlyChild(parent: XmlElement | undefined, ns: string, name: string): XmlElement | undefined {
  const children = parent ? childElements(parent, ns, name) : [];
  return children.length === 1 ? children[0] : undefined;
}

/** The namespaces declared on the ancestors of `el`, nearest first: what InclusiveNamespaces may pull in. */
function ancestorNamespaces(el: XmlElement): { prefix: string; namespaceURI: string }[] {
  const found: { prefix: string; namespaceURI: string }[] = [];
  for (let p = el.parentNode as XmlElement | null; p && p.nodeType === 1; p = p.parentNode as XmlElement | null) {
    for (let i = 0; i < p.attributes.length; i++) {
      const attr = p.attributes[i];
      if (attr.prefix === "xmlns" && !found.some((f) => f.prefix === attr.localName))
        found.push({ prefix: attr.localName ?? "", namespaceURI: attr.value });
    }
  }
  return found;
}

/** Exclusive c14n of `el` by `method` (a CanonicalizationMethod or Transform element). */
function canonicalize(method: XmlElement, el: XmlElement): string | undefined {
  const Canonicalizer = CANONICALIZERS.get(method.getAttribute("Algorithm") ?? "");
  if (!Canonicalizer) return undefined;
  const prefixList = onlyChild(method, EXC_C14N_NS, "InclusiveNamespaces")?.getAttribute("PrefixList");
  return new Canonicalizer().process(el as unknown as Element, {
    inclusiveNamespacesPrefixList: prefixList ? prefixList.trim().split(/\s+/) : [],
    ancestorNamespaces: ancestorNamespaces(el),
  });
}

/**
 * Whether `signature` is valid under one of the trusted certificates and covers `target`: its
 * SignedInfo verifies, its one Reference points at `target` (and no other element has that ID:
 * signature wrapping), and the digest of `target`, transformed as the Reference says, matches.
 * KeyInfo is never read: like AWS, only the registered metadata is trusted.
 */
export function signatureCovers(doc: Document, signature: XmlElement, target: XmlElement, trusted: string[]): boolean {
  try {
    return checkSignature(doc, signature, target, trusted);
  } catch {
    return false; // a malformed signature is just an invalid one
  }
}

function checkSignature(doc: Document, signature: XmlElement, target: XmlElement, trusted: string[]): boolean {
  const signedInfo = onlyChild(signature, DSIG, "SignedInfo");
  const c14nMethod = onlyChild(signedInfo, DSIG, "CanonicalizationMethod");
  const hash = SIGNATURE_HASHES.get(onlyChild(signedInfo, DSIG, "SignatureMethod")?.getAttribute("Algorithm") ?? "");
  const signatureValue = onlyChild(signature, DSIG, "SignatureValue")?.textContent?.replace(/\s+/g, "");
  const reference = onlyChild(signedInfo, DSIG, "Reference");
  if (!signedInfo || !c14nMethod || !hash || !signatureValue || !reference) return false;
  if (childElements(signedInfo, DSIG, "Reference").length !== 1) return false;

  const id = target.getAttribute("ID");
  if (!id || reference.getAttribute("URI") !== `#${id}`) return false;
  if (countElementsWithId(doc.documentElement as unknown as XmlElement, id) !== 1) return false;
  const transforms = childElements(onlyChild(reference, DSIG, "Transforms") ?? reference, DSIG, "Transform");
  const enveloped = transforms.filter((t) => t.getAttribute("Algorithm") === ENVELOPED);
  const c14nTransforms = transforms.filter((t) => CANONICALIZERS.has(t.getAttribute("Algorithm") ?? ""));
  // Only an enveloped-signature transform and a final exclusive c14n.
  if (c14nTransforms.length !== 1 || transforms.at(-1) !== c14nTransforms[0]) return false;
  if (enveloped.length + c14nTransforms.length !== transforms.length) return false;
  const digestHash = DIGEST_HASHES.get(onlyChild(reference, DSIG, "DigestMethod")?.getAttribute("Algorithm") ?? "");
  const digestValue = onlyChild(reference, DSIG, "DigestValue")?.textContent?.replace(/\s+/g, "");
  if (!digestHash || !digestValue) return false;

  // 1. SignedInfo, canonicalized where it stands.
  const canonicalSignedInfo = canonicalize(c14nMethod, signedInfo);
  if (canonicalSignedInfo === undefined) return false;
  const signatureBytes = Buffer.from(signatureValue, "base64");
  const signedBy = (cert: string) => {
    const key = publicKeyOf(cert);
    return key !== undefined && verify(hash, Buffer.from(canonicalSignedInfo), key, signatureBytes);
  };
  if (!trusted.some(signedBy)) return false;

  // 2. The referenced element, without the signature when it is enveloped, then put back as it was.
  const parent = signature.parentNode;
  const next = signature.nextSibling;
  if (enveloped.length) parent?.removeChild(signature);
  try {
    const canonicalTarget = canonicalize(c14nTransforms[0], target);
    return (
      canonicalTarget !== undefined && createHash(digestHash).update(canonicalTarget).digest("base64") === digestValue
    );
  } finally {
    if (enveloped.length) parent?.insertBefore(signature, next);
  }
}
