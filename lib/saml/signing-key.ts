import "server-only";
import { createPrivateKey, X509Certificate, type KeyObject } from "node:crypto";
import { existsSync, readFileSync } from "node:fs";
import { configError, getEnv, type Env } from "@/lib/env";
import { demoKeyPaths } from "@/lib/saml/demo-keys";

/**
 * Airlock's SAML signing key and certificate. The key never leaves this module except as an
 * opaque KeyObject handed to the signer; only the certificate is ever published.
 */
export type SigningMaterial = {
  privateKey: KeyObject;
  certificatePem: string;
  /** Base64 DER of the certificate, as it appears in metadata. */
  certificateBase64: string;
  certificate: X509Certificate;
};

// A value shown in a start-up error must be a plausible file path, never key material pasted
// with a broken header or a secret: the key's value is never shown at all.
const isShowablePath = (variable: string, value: string) =>
  !variable.endsWith("_KEY") && value.length <= 255 && /^[\w./-]+$/.test(value);

/** A PEM setting's text: the value itself when it is PEM, else the file it names. */
export function readPemSetting(variable: string, value: string, label: string): string {
  if (value.includes("-----BEGIN")) return value.replace(/\\n/g, "\n");
  if (!existsSync(value)) {
    const found = isShowablePath(variable, value)
      ? `no file exists at ${value}`
      : "the value given is neither PEM text nor the path of an existing file";
    throw configError({
      variable,
      expects: `${label} or the path of a file holding one`,
      found,
      example: `${variable}=/etc/airlock/${variable
        .replace(/^AIRLOCK_(SAML_)?/, "")
        .toLowerCase()
        .replace(/_/g, "-")}.pem`,
    });
  }
  return readFileSync(value, "utf8");
}

/** Validates a key and certificate pair: RSA of 2048 bits or more, and the certificate matches the key. */
export function parseSigningMaterial(keyPem: string, certPem: string): SigningMaterial {
  let privateKey: KeyObject;
  try {
    privateKey = createPrivateKey(keyPem);
  } catch {
    throw configError({
      variable: "AIRLOCK_SIGNING_KEY",
      expects: "a PEM private key",
      found: "the value given could not be read as one",
      example: "AIRLOCK_SIGNING_KEY=/etc/airlock/signing-key.pem",
    });
  }
  const bits = privateKey.asymmetricKeyDetails?.modulusLength ?? 0;
  if (privateKey.asymmetricKeyType !== "rsa" || bits < 2048) {
    throw configError({
      variable: "AIRLOCK_SIGNING_KEY",
      expects: "an RSA key of 2048 bits or more",
      found: `got ${privateKey.asymmetricKeyType ?? "unknown"} ${bits || ""}`,
      example: "openssl genrsa -out signing-key.pem 3072",
    });
  }
  let certificate: X509Certificate;
  try {
    certificate = new X509Certificate(certPem);
  } catch {
    throw configError({
      variable: "AIRLOCK_SIGNING_CERT",
      expects: "a PEM certificate",
      found: "the value given could not be read as one",
      example: "AIRLOCK_SIGNING_CERT=/etc/airlock/signing-cert.pem",
    });
  }
  if (!certificate.checkPrivateKey(privateKey)) {
    throw configError({
      variable: "AIRLOCK_SIGNING_CERT",
      expects: "the certificate of AIRLOCK_SIGNING_KEY",
      found: "they do not match",
      example: "openssl req -new -x509 -key signing-key.pem -days 3650 -subj /CN=Airlock -out signing-cert.pem",
    });
  }
  const certificateBase64 = certificate.raw.toString("base64");
  return { privateKey, certificatePem: certificate.toString(), certificateBase64, certificate };
}

/** Reads the configured key, or in demo mode the one generated into the data directory. */
export function loadSigningMaterial(env: Env): SigningMaterial {
  if (env.AIRLOCK_SIGNING_KEY && env.AIRLOCK_SIGNING_CERT) {
    return parseSigningMaterial(
      readPemSetting("AIRLOCK_SIGNING_KEY", env.AIRLOCK_SIGNING_KEY, "a PEM private key"),
      readPemSetting("AIRLOCK_SIGNING_CERT", env.AIRLOCK_SIGNING_CERT, "a PEM certificate"),
    );
  }
  const { keyPath, certPath } = demoKeyPaths(env.dataDir);
  if (env.AIRLOCK_DEMO && existsSync(keyPath) && existsSync(certPath)) {
    return parseSigningMaterial(readFileSync(keyPath, "utf8"), readFileSync(certPath, "utf8"));
  }
  throw configError({
    variable: "AIRLOCK_SIGNING_KEY",
    expects: "Airlock's SAML signing key (PEM text or a file path), with AIRLOCK_SIGNING_CERT its certificate",
    found: "it is not set",
    example: "AIRLOCK_SIGNING_KEY=/etc/airlock/signing-key.pem",
  });
}

let cached: SigningMaterial | undefined;

/** The process's signing material, parsed once. */
export function getSigningMaterial(): SigningMaterial {
  cached ??= loadSigningMaterial(getEnv());
  return cached;
}

const extraCertsError = ({ expects, found, example }: { expects: string; found: string; example?: string }) =>
  configError({
    variable: "AIRLOCK_SIGNING_EXTRA_CERTS",
    expects,
    found,
    example: example ?? "AIRLOCK_SIGNING_EXTRA_CERTS=/etc/airlock/signing-cert-next.pem",
  });

/**
 * Certificates published in the IdP metadata besides the signing one (AIRLOCK_SIGNING_EXTRA_CERTS):
 * during a key rotation, AWS must trust the next key before Airlock signs with it, and the previous
 * one until every account's SAML provider has the new metadata. Base64 DER, in the order given.
 */
export function parseExtraCertificates(value: string | undefined, signing: SigningMaterial): string[] {
  if (!value) return [];
  const text = readPemSetting("AIRLOCK_SIGNING_EXTRA_CERTS", value, "PEM certificates");
  const blocks = text.match(/-----BEGIN CERTIFICATE-----[\s\S]+?-----END CERTIFICATE-----/g) ?? [];
  if (!blocks.length) throw extraCertsError({ expects: "one or more PEM certificates", found: "none was found" });
  const published = new Set([signing.certificateBase64]);
  const extra: string[] = [];
  for (const [index, pem] of blocks.entries()) {
    let certificate: X509Certificate;
    try {
      certificate = new X509Certificate(pem);
    } catch {
      throw extraCertsError({ expects: "PEM certificates", found: `certificate ${index + 1} could not be read` });
    }
    const details = certificate.publicKey.asymmetricKeyDetails;
    if (certificate.publicKey.asymmetricKeyType !== "rsa" || (details?.modulusLength ?? 0) < 2048)
      throw extraCertsError({
        expects: "certificates of RSA keys of 2048 bits or more",
        found: `certificate ${index + 1} is not one`,
        example: "openssl req -new -x509 -key next-key.pem -days 3650 -subj /CN=Airlock -out signing-cert-next.pem",
      });
    const base64 = certificate.raw.toString("base64");
    if (!published.has(base64)) extra.push(base64);
    published.add(base64);
  }
  return extra;
}

let cachedPublished: string[] | undefined;

/** Every certificate the IdP metadata lists: the signing one first, then the extra ones. */
export function getPublishedCertificates(): string[] {
  const signing = getSigningMaterial();
  cachedPublished ??= [
    signing.certificateBase64,
    ...parseExtraCertificates(getEnv().AIRLOCK_SIGNING_EXTRA_CERTS, signing),
  ];
  return cachedPublished;
}
