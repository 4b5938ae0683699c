import "server-only";
import * as samlify from "samlify";
import { SamlRejection } from "@/lib/saml/saml-rejection";
import { getServiceProvider } from "@/lib/saml/service-provider";
import type { ValidatedAssertion } from "@/lib/saml/validate-response";

const refused = (error: unknown) =>
  new SamlRejection(
    "samlify_rejected",
    "saml_invalid",
    `samlify refused the response: ${String((error as Error)?.message ?? error)}`,
  );

/**
 * samlify's own checks (schema, signature, issuer, time) as a second, independent gate, on the
 * response as Airlock verified it. samlify's decryption is not used (it accepts RSA 1.5 and lacks
 * xmlenc 1.1 RSA-OAEP): a signed assertion is checked decrypted; when only the response is signed
 * (over the ciphertext), samlify checks that signature on the response as received and the schema
 * of the decrypted one, and Airlock's own checks cover the assertion.
 */
export async function checkWithSamlify(
  idp: samlify.IdentityProviderInstance,
  assertion: ValidatedAssertion,
): Promise<void> {
  const { verifiedXml, decryptedXml } = assertion;
  try {
    if (!decryptedXml || decryptedXml === verifiedXml) {
      const body = { SAMLResponse: Buffer.from(verifiedXml).toString("base64") };
      await getServiceProvider().parseLoginResponse(idp, "post", { body });
      return;
    }
    await samlify.SamlLib.isValidXml(verifiedXml);
    await samlify.SamlLib.isValidXml(decryptedXml);
    const [verified] = samlify.SamlLib.verifySignature(verifiedXml, { metadata: idp.entityMeta });
    if (!verified) throw new Error("FAILED_TO_VERIFY_SIGNATURE");
  } catch (error) {
    throw refused(error);
  }
}
