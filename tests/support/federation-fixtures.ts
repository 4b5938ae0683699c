import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { startEmulator, type Emulator } from "@/dev/aws-emulator/server";
import { buildDemoState } from "@/dev/aws-emulator/state";
import type { SessionUser } from "@/lib/auth/session-user";
import { assumeRoleWithSaml } from "@/lib/aws/sts";
import { mintAssertion, type MintedAssertion } from "@/lib/federation/mint-assertion";
import type { Entitlement } from "@/lib/entitlements/entitlement";
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

/** The AWS emulator with the demo accounts, whose SAML providers trust these signing certificates. */
export function startTrustingEmulator(certificatesBase64: string[]): Promise<Emulator> {
  const state = buildDemoState({});
  const metadataXml = buildIdpMetadata({ entityId: ISSUER, ssoUrl: "http://localhost:3000/", certificatesBase64 });
  for (const provider of state.providers) provider.metadataXml = metadataXml;
  return startEmulator({ state });
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
    roleId: `role_${accountId}_${roleName}`,
    roleName,
    rolePath: "/",
    roleDescription: null,
    maxSessionDuration,
    allowedSessionDuration: maxSessionDuration,
    defaultSessionDuration: Math.min(3600, maxSessionDuration),
    requireReason: false,
    readOnlyFirst: false,
    stepUpMinutes: null,
    samlProviderName: null,
    account: { id: accountId, name: "sandbox", environment: "dev", partition: "aws", description: null },
    viaGroups: ["engineering"],
    standing: true,
    grant: null,
  };
}

/** Where an assertion for AWS's commercial partition is addressed. */
export const AWS_SAML = { recipient: "https://signin.aws.amazon.com/saml", audience: "urn:amazon:webservices" };

/** Alice's assertion for Developer in 111111111111, signed with `signing`; `overrides` change any input. */
export function mintForAws(
  signing: SigningMaterial,
  overrides: Partial<Parameters<typeof mintAssertion>[0]> = {},
): MintedAssertion {
  return mintAssertion({
    user: alice,
    entitlement: entitlementFor("111111111111", "Developer", 28_800),
    durationSeconds: 3600,
    issuer: ISSUER,
    defaultProviderName: "airlock",
    signing,
    ...AWS_SAML,
    ...overrides,
  });
}

/** AssumeRoleWithSAML against an STS endpoint (the emulator) with a minted assertion. */
export function assumeWithAssertion(
  endpoint: string,
  minted: MintedAssertion,
  samlResponseBase64 = minted.samlResponseBase64,
  durationSeconds = 3600,
) {
  return assumeRoleWithSaml({
    region: "us-east-1",
    endpoint,
    roleArn: minted.roleArn,
    principalArn: minted.providerArn,
    samlResponseBase64,
    durationSeconds,
  });
}
