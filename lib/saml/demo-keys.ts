import "server-only";
import { existsSync, mkdirSync, writeFileSync } from "node:fs";
import path from "node:path";
import * as x509 from "@peculiar/x509";
import { createSelfSignedPem } from "@/lib/saml/self-signed-certificate";

/** Where demo mode keeps Airlock's generated SAML signing key and certificate. */
export function demoKeyPaths(dataDir: string): { keyPath: string; certPath: string } {
  return { keyPath: path.join(dataDir, "saml-signing-key.pem"), certPath: path.join(dataDir, "saml-signing-cert.pem") };
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
  const { keyPem, certPem } = await createSelfSignedPem({ commonName, validDays: 10 * 365, usage });
  writeFileSync(paths.keyPath, keyPem, { mode: 0o600 });
  writeFileSync(paths.certPath, certPem);
  return { ...paths, created: true };
}
