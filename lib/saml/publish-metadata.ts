import "server-only";
import { getEnv } from "@/lib/env";
import { buildIdpEntityId, buildIdpMetadata } from "@/lib/saml/idp-metadata";
import { getPublishedCertificates } from "@/lib/saml/signing-key";

let cached: string | undefined;

/** Airlock's IdP metadata document, built once per process from the configured certificates. */
export function getIdpMetadataXml(): string {
  if (cached) return cached;
  const env = getEnv();
  cached = buildIdpMetadata({
    entityId: buildIdpEntityId(env.AIRLOCK_URL),
    ssoUrl: `${env.AIRLOCK_URL}/`,
    certificatesBase64: getPublishedCertificates(),
  });
  return cached;
}
