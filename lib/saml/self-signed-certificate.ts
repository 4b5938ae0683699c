import { webcrypto } from "node:crypto";
import * as x509 from "@peculiar/x509";

/**
 * A 2048-bit RSA key (PKCS#8 PEM) and a self-signed SHA-256 certificate for it, valid from a minute
 * ago for `validDays`. With `usage`, the certificate is an end-entity one restricted to that key
 * usage (Airlock's demo keys); without, it carries no extensions (the test IdPs').
 */
export async function createSelfSignedPem({
  commonName,
  validDays,
  usage,
}: {
  commonName: string;
  validDays: number;
  usage?: x509.KeyUsageFlags;
}): Promise<{ keyPem: string; certPem: string }> {
  const algorithm = {
    name: "RSASSA-PKCS1-v1_5",
    hash: "SHA-256",
    publicExponent: new Uint8Array([1, 0, 1]),
    modulusLength: 2048,
  };
  const keys = (await webcrypto.subtle.generateKey(algorithm, true, ["sign", "verify"])) as CryptoKeyPair;
  const notBefore = new Date(Date.now() - 60_000);
  x509.cryptoProvider.set(webcrypto as unknown as Crypto);
  const cert = await x509.X509CertificateGenerator.createSelfSigned({
    serialNumber: Buffer.from(webcrypto.getRandomValues(new Uint8Array(8)))
      .toString("hex")
      .replace(/^[89a-f]/, "1"),
    name: `CN=${commonName}`,
    notBefore,
    notAfter: new Date(notBefore.getTime() + validDays * 24 * 3600 * 1000),
    signingAlgorithm: algorithm,
    keys,
    ...(usage !== undefined && {
      extensions: [
        new x509.BasicConstraintsExtension(false, undefined, true),
        new x509.KeyUsagesExtension(usage, true),
      ],
    }),
  });
  const pkcs8 = await webcrypto.subtle.exportKey("pkcs8", keys.privateKey);
  return { keyPem: toPem(pkcs8, "PRIVATE KEY"), certPem: cert.toString("pem") + "\n" };
}

function toPem(der: ArrayBuffer, label: string): string {
  const b64 = Buffer.from(der)
    .toString("base64")
    .replace(/(.{64})/g, "$1\n")
    .trim();
  return `-----BEGIN ${label}-----\n${b64}\n-----END ${label}-----\n`;
}
