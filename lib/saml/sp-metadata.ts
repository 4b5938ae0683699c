import "server-only";
import { ACCEPTED_ENCRYPTION_METHODS } from "@/lib/saml/decrypt-assertion";
import { getMetadataServiceProvider } from "@/lib/saml/service-provider";

/**
 * Airlock's SP metadata: samlify's, with the encryption algorithms Airlock accepts listed in its
 * encryption KeyDescriptor (samlify writes none), so an IdP that reads them (Shibboleth does)
 * picks one Airlock can decrypt instead of its own default.
 */
export function buildSpMetadata(): string {
  const methods = ACCEPTED_ENCRYPTION_METHODS.map((algorithm) => `<EncryptionMethod Algorithm="${algorithm}"/>`).join(
    "",
  );
  return getMetadataServiceProvider()
    .getMetadata()
    .replace(/(<KeyDescriptor use="encryption">[\s\S]*?)(<\/KeyDescriptor>)/, `$1${methods}$2`);
}
