import { constants, createCipheriv, publicEncrypt, randomBytes, X509Certificate } from "node:crypto";
import { SignedXml } from "xml-crypto";
import type { SigningMaterial } from "@/lib/saml/signing-key";

/**
 * Encrypts the assertion of a test SAML Response the way IdPs do (XML Encryption 1.1), including
 * the ways Airlock must refuse: RSA 1.5 key transport, another SP's key, weak content ciphers.
 */

const XENC = "http://www.w3.org/2001/04/xmlenc#";
const XENC11 = "http://www.w3.org/2009/xmlenc11#";
export const CONTENT_ALGORITHMS = {
  "aes128-cbc": { uri: `${XENC}aes128-cbc`, cipher: "aes-128-cbc", keyBytes: 16, ivBytes: 16 },
  "aes256-cbc": { uri: `${XENC}aes256-cbc`, cipher: "aes-256-cbc", keyBytes: 32, ivBytes: 16 },
  "aes128-gcm": { uri: `${XENC11}aes128-gcm`, cipher: "aes-128-gcm", keyBytes: 16, ivBytes: 12 },
  "aes256-gcm": { uri: `${XENC11}aes256-gcm`, cipher: "aes-256-gcm", keyBytes: 32, ivBytes: 12 },
  "tripledes-cbc": { uri: `${XENC}tripledes-cbc`, cipher: "des-ede3-cbc", keyBytes: 24, ivBytes: 8 },
} as const;
export type KeyTransport = "rsa-oaep-mgf1p" | "rsa-oaep" | "rsa-oaep-sha256" | "rsa-1_5";

export type EncryptOptions = {
  content?: keyof typeof CONTENT_ALGORITHMS;
  keyTransport?: KeyTransport;
  /** The assertion's own namespace declarations (real IdPs write them); false relies on the response's. */
  declareNamespaces?: boolean;
  /** The EncryptedKey beside the EncryptedData instead of inside its KeyInfo (ADFS, some Shibboleth setups). */
  keyOutside?: boolean;
};

function encryptContent(plain: Buffer, content: (typeof CONTENT_ALGORITHMS)[keyof typeof CONTENT_ALGORITHMS]) {
  const key = randomBytes(content.keyBytes);
  const iv = randomBytes(content.ivBytes);
  const cipher = createCipheriv(content.cipher, key, iv);
  const isGcm = content.cipher.endsWith("gcm");
  const body = Buffer.concat([cipher.update(plain), cipher.final()]);
  const tag = isGcm
    ? (cipher as ReturnType<typeof createCipheriv> & { getAuthTag(): Buffer }).getAuthTag()
    : Buffer.alloc(0);
  return { key, data: Buffer.concat([iv, body, tag]) };
}

function encryptedKeyXml(contentKey: Buffer, certificatePem: string, transport: KeyTransport): string {
  const publicKey = new X509Certificate(certificatePem).publicKey;
  const oaep = (oaepHash: string) =>
    publicEncrypt({ key: publicKey, padding: constants.RSA_PKCS1_OAEP_PADDING, oaepHash }, contentKey);
  const methods: Record<KeyTransport, [string, string, Buffer]> = {
    "rsa-oaep-mgf1p": [
      `${XENC}rsa-oaep-mgf1p`,
      `<ds:DigestMethod Algorithm="http://www.w3.org/2000/09/xmldsig#sha1"/>`,
      oaep("sha1"),
    ],
    "rsa-oaep": [`${XENC11}rsa-oaep`, "", oaep("sha1")],
    "rsa-oaep-sha256": [
      `${XENC11}rsa-oaep`,
      `<ds:DigestMethod Algorithm="http://www.w3.org/2001/04/xmlenc#sha256"/><xenc11:MGF xmlns:xenc11="${XENC11}" Algorithm="${XENC11}mgf1sha256"/>`,
      oaep("sha256"),
    ],
    "rsa-1_5": [
      `${XENC}rsa-1_5`,
      "",
      publicEncrypt({ key: publicKey, padding: constants.RSA_PKCS1_PADDING }, contentKey),
    ],
  };
  const [algorithm, parameters, encrypted] = methods[transport];
  return (
    `<xenc:EncryptedKey xmlns:xenc="${XENC}" xmlns:ds="http://www.w3.org/2000/09/xmldsig#">` +
    `<xenc:EncryptionMethod Algorithm="${algorithm}">${parameters}</xenc:EncryptionMethod>` +
    `<xenc:CipherData><xenc:CipherValue>${encrypted.toString("base64")}</xenc:CipherValue></xenc:CipherData></xenc:EncryptedKey>`
  );
}

/** The response with its assertion (from the first start tag to the last end tag) replaced by an EncryptedAssertion to `certificatePem`. */
export function encryptIdpAssertion(xml: string, certificatePem: string, options: EncryptOptions = {}): string {
  const match = /<saml:Assertion[\s>][\s\S]*<\/saml:Assertion>/.exec(xml);
  if (!match) throw new Error("no assertion to encrypt");
  const assertion =
    options.declareNamespaces === false
      ? match[0]
      : match[0].replace("<saml:Assertion ", '<saml:Assertion xmlns:saml="urn:oasis:names:tc:SAML:2.0:assertion" ');
  const content = CONTENT_ALGORITHMS[options.content ?? "aes256-gcm"];
  const { key, data } = encryptContent(Buffer.from(assertion), content);
  const encryptedKey = encryptedKeyXml(key, certificatePem, options.keyTransport ?? "rsa-oaep-mgf1p");
  const encrypted =
    `<saml:EncryptedAssertion><xenc:EncryptedData xmlns:xenc="${XENC}" Type="${XENC}Element">` +
    `<xenc:EncryptionMethod Algorithm="${content.uri}"/>` +
    `<ds:KeyInfo xmlns:ds="http://www.w3.org/2000/09/xmldsig#">${options.keyOutside ? "" : encryptedKey}</ds:KeyInfo>` +
    `<xenc:CipherData><xenc:CipherValue>${data.toString("base64")}</xenc:CipherValue></xenc:CipherData>` +
    `</xenc:EncryptedData>${options.keyOutside ? encryptedKey : ""}</saml:EncryptedAssertion>`;
  return xml.slice(0, match.index) + encrypted + xml.slice(match.index + match[0].length);
}

/** Signs the whole Response (enveloped, after its Issuer): what IdPs do when they sign the message. */
export function signIdpResponseMessage(xml: string, signer: SigningMaterial): string {
  const sig = new SignedXml({
    privateKey: signer.privateKey,
    publicCert: signer.certificatePem,
    signatureAlgorithm: "http://www.w3.org/2001/04/xmldsig-more#rsa-sha256",
    canonicalizationAlgorithm: "http://www.w3.org/2001/10/xml-exc-c14n#",
  });
  sig.addReference({
    xpath: "/*[local-name(.)='Response']",
    digestAlgorithm: "http://www.w3.org/2001/04/xmlenc#sha256",
    transforms: ["http://www.w3.org/2000/09/xmldsig#enveloped-signature", "http://www.w3.org/2001/10/xml-exc-c14n#"],
  });
  sig.computeSignature(xml, {
    prefix: "ds",
    location: { reference: "/*[local-name(.)='Response']/*[local-name(.)='Issuer']", action: "after" },
  });
  return sig.getSignedXml();
}
