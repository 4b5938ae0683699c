import "server-only";
import { createPrivateKey, X509Certificate, type KeyObject } from "node:crypto";
import { existsSync, readFileSync } from "node:fs";
import { configError, getEnv, type Env } from "@/lib/env";
import { demoEncryptionKeyPaths } from "@/lib/saml/demo-keys";
import { readPemSetting } from "@/lib/saml/signing-key";

/**
 * Airlock's SAML encryption key (the corporate IdP encrypts assertions to its certificate, which
 * the SP metadata publishes). Optional: without it, encrypted assertions are refused. A separate
 * key from the signing one, so either can be rotated alone.
 */
export type EncryptionMaterial = { privateKey: KeyObject; certificateBase64: string };

const keyError = (expects: string, found: string) =>
  configError({
    variable: "AIRLOCK_SAML_ENCRYPTION_KEY",
    expects,
    found,
    example:
      "openssl req -new -x509 -newkey rsa:3072 -nodes -days 3650 -subj /CN=Airlock -keyout encryption-key.pem -out encryption-cert.pem",
  });

/** Validates the pair: an RSA key of 2048 bits or more, and the certificate of that key. */
export function parseEncryptionMaterial(keyPem: string, certPem: string): EncryptionMaterial {
  let privateKey: KeyObject;
  try {
    privateKey = createPrivateKey(keyPem);
  } catch {
    throw keyError("a PEM private key", "the value given could not be read as one");
  }
  const bits = privateKey.asymmetricKeyDetails?.modulusLength ?? 0;
  if (privateKey.asymmetricKeyType !== "rsa" || bits < 2048)
    throw keyError("an RSA key of 2048 bits or more", `got ${privateKey.asymmetricKeyType ?? "unknown"} ${bits || ""}`);
  let certificate: X509Certificate;
  try {
    certificate = new X509Certificate(certPem);
  } catch {
    throw configError({
      variable: "AIRLOCK_SAML_ENCRYPTION_CERT",
      expects: "a PEM certificate",
      found: "the value given could not be read as one",
      example: "AIRLOCK_SAML_ENCRYPTION_CERT=/etc/airlock/encryption-cert.pem",
    });
  }
  if (!certificate.checkPrivateKey(privateKey))
    throw configError({
      variable: "AIRLOCK_SAML_ENCRYPTION_CERT",
      expects: "the certificate of AIRLOCK_SAML_ENCRYPTION_KEY",
      found: "they do not match",
      example: "openssl req -new -x509 -key encryption-key.pem -days 3650 -subj /CN=Airlock -out encryption-cert.pem",
    });
  return { privateKey, certificateBase64: certificate.raw.toString("base64") };
}

/** The configured pair, the one generated in demo mode, or null when encryption is not configured. */
export function loadEncryptionMaterial(env: Env): EncryptionMaterial | null {
  const { AIRLOCK_SAML_ENCRYPTION_KEY: key, AIRLOCK_SAML_ENCRYPTION_CERT: cert } = env;
  if (key && cert)
    return parseEncryptionMaterial(
      readPemSetting("AIRLOCK_SAML_ENCRYPTION_KEY", key, "a PEM private key"),
      readPemSetting("AIRLOCK_SAML_ENCRYPTION_CERT", cert, "a PEM certificate"),
    );
  if (key || cert)
    throw configError({
      variable: key ? "AIRLOCK_SAML_ENCRYPTION_CERT" : "AIRLOCK_SAML_ENCRYPTION_KEY",
      expects: "both AIRLOCK_SAML_ENCRYPTION_KEY and AIRLOCK_SAML_ENCRYPTION_CERT, or neither",
      found: "only one of them is set",
      example: "AIRLOCK_SAML_ENCRYPTION_CERT=/etc/airlock/encryption-cert.pem",
    });
  const { keyPath, certPath } = demoEncryptionKeyPaths(env.dataDir);
  if (env.AIRLOCK_DEMO && existsSync(keyPath) && existsSync(certPath))
    return parseEncryptionMaterial(readFileSync(keyPath, "utf8"), readFileSync(certPath, "utf8"));
  return null;
}

let cached: { env: Env; material: EncryptionMaterial | null } | undefined;

/** The encryption material for the current settings, parsed once; null when not configured. */
export function getEncryptionMaterial(): EncryptionMaterial | null {
  const env = getEnv();
  if (cached?.env !== env) cached = { env, material: loadEncryptionMaterial(env) };
  return cached.material;
}
