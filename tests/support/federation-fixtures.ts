import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import type { SessionUser } from "@/lib/auth/session-user";
import type { Entitlement } from "@/lib/entitlements/assert-entitled";
import { ensureDemoSigningMaterial } from "@/lib/saml/demo-keys";
import { buildIdpMetadata } from "@/lib/saml/idp-metadata";
import { parseSigningMaterial, type SigningMaterial } from "@/lib/saml/signing-key";

export const ISSUER = "http://localhost:3000/api/saml/idp/metadata";

/** A fresh RSA key and self-signed certificate, made by the same code demo mode uses. */
export async function createSigningMaterial(name = "signing"): Promise<SigningMaterial> {
  const dir = mkdtempSync(path.join(os.tmpdir(), `airlock-${name}-`));
  try {
    const { keyPath, certPath } = await ensureDemoSigningMaterial(dir);
    return parseSigningMaterial(readFileSync(keyPath, "utf8"), readFileSync(certPath, "utf8"));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

export function metadataFor(signing: SigningMaterial, entityId = ISSUER): string {
  return buildIdpMetadata({
    entityId,
    ssoUrl: "http://localhost:3000/",
    certificatesBase64: [signing.certificateBase64],
  });
}

export const alice: SessionUser = {
  id: "user_alice",
  email: "alice@example.com",
  name: "Alice Example",
  username: "alice",
  groups: ["engineering"],
};

export function entitlementFor(accountId: string, roleName: string, maxSessionDuration = 3600): Entitlement {
  return {
    accountId,
    accountName: "sandbox",
    partition: "aws",
    roleName,
    rolePath: "/",
    samlProviderName: null,
    roleMaxSessionDuration: maxSessionDuration,
    allowedSessionDuration: maxSessionDuration,
    viaGroups: ["engineering"],
  };
}
