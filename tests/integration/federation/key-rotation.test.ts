import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Emulator } from "@/dev/aws-emulator/server";
import { ConfigError } from "@/lib/env";
import { parseExtraCertificates, type SigningMaterial } from "@/lib/saml/signing-key";
import {
  assumeWithAssertion,
  createSigningMaterial,
  mintForAws,
  startTrustingEmulator,
} from "@/tests/support/federation-fixtures";

// A signing-key rotation as the deployment guide describes it: publish the next certificate
// beside the current one, let AWS take that metadata, then sign with the next key.
let emulator: Emulator;
let current: SigningMaterial;
let next: SigningMaterial;
let stranger: SigningMaterial;

beforeAll(async () => {
  [current, next, stranger] = await Promise.all(
    ["current", "next", "stranger"].map((name) => createSigningMaterial(name)),
  );
  // What /api/saml/idp/metadata publishes with AIRLOCK_SIGNING_EXTRA_CERTS set to the next certificate.
  emulator = await startTrustingEmulator([
    current.certificateBase64,
    ...parseExtraCertificates(next.certificatePem, current),
  ]);
});
afterAll(() => emulator?.close());

const assumeWith = (signing: SigningMaterial) => assumeWithAssertion(emulator.url, mintForAws(signing));

describe("signing-key rotation with two certificates in the metadata", () => {
  it("AWS accepts assertions signed with the current key and with the next one", async () => {
    await expect(assumeWith(current)).resolves.toMatchObject({
      assumedRoleArn: expect.stringContaining(":assumed-role/Developer/"),
    });
    await expect(assumeWith(next)).resolves.toMatchObject({
      assumedRoleArn: expect.stringContaining(":assumed-role/Developer/"),
    });
  });

  it("and still refuses a key the metadata does not list", async () => {
    await expect(assumeWith(stranger)).rejects.toMatchObject({ name: "InvalidIdentityTokenException" });
  });

  it("reads several PEM blocks, drops the signing certificate itself, refuses what is not a certificate", () => {
    const both = `${next.certificatePem}\n${current.certificatePem}\n${stranger.certificatePem}`;
    expect(parseExtraCertificates(both, current)).toEqual([next.certificateBase64, stranger.certificateBase64]);
    expect(parseExtraCertificates(undefined, current)).toEqual([]);
    expect(() => parseExtraCertificates("-----BEGIN NOTHING-----", current)).toThrow(ConfigError);
    expect(() => parseExtraCertificates("/nonexistent/next.pem", current)).toThrow(/no file exists/);
  });
});
