import "server-only";
import { webcrypto } from "node:crypto";
import { existsSync, mkdirSync, writeFileSync } from "node:fs";
import path from "node:path";
import * as x509 from "@peculiar/x509";

/** Where demo mode keeps Airlock's generated SAML signing key and certificate. */
export function demoKeyPaths(dataDir: string): { keyPath: string; certPath: string } {
  return { keyPath: path.join(dataDir, "saml-signing-key.pem"), certPath: path.join(dataDir, "saml-signing-cert.pem") };
}

function toPem(der: ArrayBuffer, label: string): string {
  const b64 = Buffer.from(der)
    .toString("base64")
    .replace(/(.{64})/g, "$1\n")
    .trim();
  return `-----BEGIN ${label}-----\n${b64}\n-----END ${label}-----\n`;
}

/** Where demo mode keeps Airlock's generated SAML encryption key and certificate (the IdP encrypts to it). */
export function demoEncryptionKeyPaths(dataDir: string): { keyPath: string; certPath: string } {
  return {
    keyPath: path.join(dataDir, "saml-encryption-key.pem"),
    certPath: path.join(dataDir, "saml-encryption-cert.pem"),
  };
}

/**
 * Demo mode only: a 2048-bit RSA key and a self-signed certificate (valid ten years) in the data
 * directory, made on first run and reused afterwards so AWS-side registrations stay valid.
 */
export async function ensureDemoSigningMaterial(
  dataDir: string,
  commonName = "Airlock demo IdP",
): Promise<{ keyPath: string; certPath: string; created: boolean }> {
  return ensureDemoKeyPair(demoKeyPaths(dataDir), commonName, x509.KeyUsageFlags.digitalSignature);
}

/** Demo mode only: the SP encryption key pair, made like the signing one (a separate key, as in production). */
export async function ensureDemoEncryptionMaterial(
  dataDir: string,
): Promise<{ keyPath: string; certPath: string; created: boolean }> {
  return ensureDemoKeyPair(
    demoEncryptionKeyPaths(dataDir),
    "Airlock demo SP encryption",
    x509.KeyUsageFlags.keyEncipherment,
  );
}

async function ensureDemoKeyPair(
  paths: { keyPath: string; certPath: string },
  commonName: string,
  usage: x509.KeyUsageFlags,
): Promise<{ keyPath: string; certPath: string; created: boolean }> {
  const dataDir = path.dirname(paths.keyPath);
  if (existsSync(paths.keyPath) && existsSync(paths.certPath)) return { ...paths, created: false };
  mkdirSync(dataDir, { recursive: true });
  const algorithm = {
    name: "RSASSA-PKCS1-v1_5",
    hash: "SHA-256",
    publicExponent: new Uint8Array([1, 0, 1]),
    modulusLength: 2048,
  };
  const keys = (await webcrypto.subtle.generateKey(algorithm, true, ["sign", "verify"])) as CryptoKeyPair;
  const notBefore = new Date(Date.now() - 60_000);
  const notAfter = new Date(notBefore.getTime() + 10 * 365 * 24 * 3600 * 1000);
  x509.cryptoProvider.set(webcrypto as unknown as Crypto);
  const cert = await x509.X509CertificateGenerator.createSelfSigned({
    serialNumber: Buffer.from(webcrypto.getRandomValues(new Uint8Array(8)))
      .toString("hex")
      .replace(/^[89a-f]/, "1"),
    name: `CN=${commonName}`,
    notBefore,
    notAfter,
    signingAlgorithm: algorithm,
    keys,
    extensions: [new x509.BasicConstraintsExtension(false, undefined, true), new x509.KeyUsagesExtension(usage, true)],
  });
  const pkcs8 = await webcrypto.subtle.exportKey("pkcs8", keys.privateKey);
  writeFileSync(paths.keyPath, toPem(pkcs8, "PRIVATE KEY"), { mode: 0o600 });
  writeFileSync(paths.certPath, cert.toString("pem") + "\n");
  return { ...paths, created: true };
}
