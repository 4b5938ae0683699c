import { constants, createDecipheriv, privateDecrypt, type KeyObject } from "node:crypto";
import type { Element as XmlElement } from "@xmldom/xmldom";
import { child, SAML_NS } from "@/lib/saml/saml-dom";
import { invalidSaml } from "@/lib/saml/saml-rejection";
import { childElements } from "@/lib/xml/parse-xml";

/**
 * Decrypts a SAML EncryptedAssertion (XML Encryption 1.1) with Airlock's encryption key. Pure:
 * the keys are passed in. Only what is safe is accepted: AES-GCM or AES-CBC content, RSA-OAEP key
 * transport. RSA PKCS#1 v1.5 key transport is refused before any decryption is tried (its padding
 * errors are an oracle), and every failure once the algorithms are accepted has one reason and one
 * message, so no answer tells a forger which step failed.
 */

export const XENC_NS = "http://www.w3.org/2001/04/xmlenc#";
const XENC11_NS = "http://www.w3.org/2009/xmlenc11#";

const CONTENT = {
  [`${XENC_NS}aes128-cbc`]: { cipher: "aes-128-cbc", keyBytes: 16, ivBytes: 16 },
  [`${XENC_NS}aes256-cbc`]: { cipher: "aes-256-cbc", keyBytes: 32, ivBytes: 16 },
  [`${XENC11_NS}aes128-gcm`]: { cipher: "aes-128-gcm", keyBytes: 16, ivBytes: 12 },
  [`${XENC11_NS}aes256-gcm`]: { cipher: "aes-256-gcm", keyBytes: 32, ivBytes: 12 },
} as const;
const KEY_TRANSPORT = { mgf1p: `${XENC_NS}rsa-oaep-mgf1p`, oaep11: `${XENC11_NS}rsa-oaep` };
const DIGESTS: Record<string, string> = {
  "http://www.w3.org/2000/09/xmldsig#sha1": "sha1",
  "http://www.w3.org/2001/04/xmlenc#sha256": "sha256",
  "http://www.w3.org/2001/04/xmldsig-more#sha384": "sha384",
  "http://www.w3.org/2001/04/xmlenc#sha512": "sha512",
};
const MGFS: Record<string, string> = {
  [`${XENC11_NS}mgf1sha1`]: "sha1",
  [`${XENC11_NS}mgf1sha256`]: "sha256",
  [`${XENC11_NS}mgf1sha384`]: "sha384",
  [`${XENC11_NS}mgf1sha512`]: "sha512",
};
/** What Airlock's SP metadata lists as EncryptionMethod, preferred first. */
export const ACCEPTED_ENCRYPTION_METHODS = [
  ...Object.keys(CONTENT).reverse(),
  KEY_TRANSPORT.oaep11,
  KEY_TRANSPORT.mgf1p,
];
// An IdP encrypts the key once per SP certificate; more than this is not an IdP talking to Airlock.
const MAX_ENCRYPTED_KEYS = 4;

const algorithmOf = (el: XmlElement | undefined) =>
  child(el, XENC_NS, "EncryptionMethod")?.getAttribute("Algorithm") ?? "";
const refuseAlgorithm = (what: string, algorithm: string, accepted: string) =>
  invalidSaml(
    "encryption_algorithm",
    `The assertion's ${what} uses ${algorithm || "no algorithm"}, which Airlock does not accept (${accepted}); change the IdP's encryption settings for Airlock.`,
  );
export const decryptionFailed = () =>
  invalidSaml(
    "decryption_failed",
    "The encrypted assertion could not be decrypted with Airlock's encryption key: the IdP must encrypt to the certificate in Airlock's current SP metadata.",
  );

/** The OAEP hash a key transport element asks for; refuses RSA 1.5 and every other transport. */
export function readOaepHash(encryptedKey: XmlElement): string {
  const algorithm = algorithmOf(encryptedKey);
  if (algorithm !== KEY_TRANSPORT.mgf1p && algorithm !== KEY_TRANSPORT.oaep11)
    throw refuseAlgorithm("key transport", algorithm, "RSA-OAEP only; never RSA 1.5");
  const method = child(encryptedKey, XENC_NS, "EncryptionMethod");
  const digestUri = child(method, SAML_NS.dsig, "DigestMethod")?.getAttribute("Algorithm");
  const digest = digestUri ? DIGESTS[digestUri] : "sha1";
  const mgfUri = child(method, XENC11_NS, "MGF")?.getAttribute("Algorithm");
  // rsa-oaep-mgf1p fixes MGF1 to SHA-1; Node's OAEP uses one hash for both, so they must agree.
  const mgf = algorithm === KEY_TRANSPORT.mgf1p ? "sha1" : mgfUri ? MGFS[mgfUri] : "sha1";
  if (!digest || !mgf || digest !== mgf)
    throw refuseAlgorithm(
      "RSA-OAEP parameters",
      `digest ${digestUri ?? "SHA-1"} with mask ${mgfUri ?? "MGF1-SHA-1"}`,
      "the same SHA-1 or SHA-2 hash for the digest and MGF1",
    );
  return digest;
}

/** The EncryptedKey elements that may carry the content key: in the data's KeyInfo or beside it. */
function findEncryptedKeys(encryptedAssertion: XmlElement, data: XmlElement): XmlElement[] {
  const keyInfo = child(data, SAML_NS.dsig, "KeyInfo");
  const keys = [
    ...(keyInfo ? childElements(keyInfo, XENC_NS, "EncryptedKey") : []),
    ...childElements(encryptedAssertion, XENC_NS, "EncryptedKey"),
  ];
  if (keys.length === 0) throw invalidSaml("decryption_failed", "The encrypted assertion carries no encrypted key.");
  if (keys.length > MAX_ENCRYPTED_KEYS)
    throw invalidSaml("decryption_failed", `The encrypted assertion carries more than ${MAX_ENCRYPTED_KEYS} keys.`);
  return keys;
}

const cipherValue = (el: XmlElement | undefined): Buffer => {
  const value = child(child(el, XENC_NS, "CipherData"), XENC_NS, "CipherValue")?.textContent ?? "";
  return Buffer.from(value.replace(/\s+/g, ""), "base64");
};

/** The content key from the first EncryptedKey one of `keys` opens, of the length the content cipher needs. */
function unwrapContentKey(encryptedKeys: XmlElement[], keys: KeyObject[], keyBytes: number): Buffer {
  const hashes = encryptedKeys.map(readOaepHash); // every one checked before any is tried
  for (const [index, encryptedKey] of encryptedKeys.entries()) {
    const label = child(child(encryptedKey, XENC_NS, "EncryptionMethod"), XENC_NS, "OAEPparams")?.textContent;
    for (const key of keys) {
      try {
        const contentKey = privateDecrypt(
          {
            key,
            padding: constants.RSA_PKCS1_OAEP_PADDING,
            oaepHash: hashes[index],
            ...(label?.trim() ? { oaepLabel: Buffer.from(label.trim(), "base64") } : {}),
          },
          cipherValue(encryptedKey),
        );
        if (contentKey.length === keyBytes) return contentKey;
      } catch {
        // another key or another EncryptedKey may open it
      }
    }
  }
  throw decryptionFailed();
}

/** Deciphers the content; any failure (tag, padding, length) is the same refusal. */
function decipherContent(algorithm: (typeof CONTENT)[keyof typeof CONTENT], key: Buffer, data: Buffer): Buffer {
  const { cipher, ivBytes } = algorithm;
  const isGcm = cipher.endsWith("gcm");
  const body = data.subarray(ivBytes, isGcm ? data.length - 16 : data.length);
  if (body.length <= 0 || (!isGcm && body.length % 16 !== 0)) throw decryptionFailed();
  try {
    const decipher = createDecipheriv(cipher, key, data.subarray(0, ivBytes));
    if (isGcm)
      (decipher as ReturnType<typeof createDecipheriv> & { setAuthTag(t: Buffer): void }).setAuthTag(
        data.subarray(-16),
      );
    decipher.setAutoPadding(false);
    const plain = Buffer.concat([decipher.update(body), decipher.final()]);
    if (isGcm) return plain;
    // XML Encryption's padding: only the last byte is defined (the pad length), the rest is arbitrary.
    const pad = plain[plain.length - 1];
    if (pad < 1 || pad > 16) throw decryptionFailed();
    return plain.subarray(0, plain.length - pad);
  } catch {
    throw decryptionFailed();
  }
}

/** The plaintext of an EncryptedAssertion: XML text still to be parsed and checked like any other. */
export function decryptAssertion(encryptedAssertion: XmlElement, keys: KeyObject[]): string {
  const datas = childElements(encryptedAssertion, XENC_NS, "EncryptedData");
  if (datas.length !== 1)
    throw invalidSaml("assertion_count", "The encrypted assertion must carry exactly one EncryptedData.");
  const data = datas[0];
  const type = data.getAttribute("Type");
  if (type && type !== `${XENC_NS}Element`)
    throw invalidSaml("decryption_failed", "The encrypted assertion does not hold an element.");
  const contentAlgorithm = algorithmOf(data);
  const content = CONTENT[contentAlgorithm as keyof typeof CONTENT];
  if (!content) throw refuseAlgorithm("content encryption", contentAlgorithm, "AES-128/256-GCM or AES-128/256-CBC");
  const encryptedKeys = findEncryptedKeys(encryptedAssertion, data);
  if (!keys.length)
    throw invalidSaml(
      "encryption_not_configured",
      "The IdP encrypted the assertion, but Airlock has no encryption key: set AIRLOCK_SAML_ENCRYPTION_KEY and AIRLOCK_SAML_ENCRYPTION_CERT and give the IdP Airlock's SP metadata again, or turn assertion encryption off for Airlock at the IdP.",
    );
  const contentKey = unwrapContentKey(encryptedKeys, keys, content.keyBytes);
  const plain = decipherContent(content, contentKey, cipherValue(data));
  try {
    return new TextDecoder("utf-8", { fatal: true }).decode(plain);
  } catch {
    throw decryptionFailed();
  }
}
