import { NAMEID_FORMAT } from "@/lib/saml/identity-attributes";
import { SamlRejection } from "@/lib/saml/saml-rejection";

/**
 * The value Airlock keys a person on (with the IdP): it must be the same at every sign-in, or
 * each sign-in becomes a new person (favorites, region, audit identity and access split). Pure.
 *
 * With AIRLOCK_SAML_SUBJECT_ATTRIBUTE set, that attribute's one value, whatever the NameID.
 * Otherwise the NameID, when its format is one Airlock asks for or accepts: persistent,
 * emailAddress, or unspecified (also when Format is absent, which means unspecified): IdPs such as
 * Okta and ADFS send their configured stable identifier that way, while a transient NameID is a
 * new random value at every sign-in by definition. Any other format is refused.
 */

const ACCEPTED_NAMEID_FORMATS = new Set([
  NAMEID_FORMAT.persistent,
  NAMEID_FORMAT.emailAddress,
  NAMEID_FORMAT.unspecified,
]);
const WHAT_TO_CONFIGURE =
  "configure the IdP to send Airlock a persistent NameID, or set AIRLOCK_SAML_SUBJECT_ATTRIBUTE to an attribute that never changes for a person (such as uid or an object id)";

export function chooseSubject({
  nameId,
  nameIdFormat,
  attributes,
  subjectAttribute,
}: {
  nameId: string;
  nameIdFormat: string | null;
  attributes: Record<string, string[]>;
  subjectAttribute?: string;
}): string {
  if (subjectAttribute) {
    const values = (attributes[subjectAttribute] ?? []).filter((v) => v.length > 0);
    if (values.length === 0)
      throw new SamlRejection(
        "subject_attribute_missing",
        "saml_subject_attribute",
        `The IdP did not release the attribute ${subjectAttribute} that Airlock identifies people by (AIRLOCK_SAML_SUBJECT_ATTRIBUTE): release it to Airlock at the IdP.`,
      );
    if (values.length > 1)
      throw new SamlRejection(
        "subject_attribute_multivalued",
        "saml_subject_attribute",
        `The attribute ${subjectAttribute} (AIRLOCK_SAML_SUBJECT_ATTRIBUTE) has ${values.length} values; Airlock needs exactly one: choose a single-valued attribute.`,
      );
    return values[0];
  }
  const format = nameIdFormat ?? NAMEID_FORMAT.unspecified;
  if (format === NAMEID_FORMAT.transient)
    throw new SamlRejection(
      "transient_nameid",
      "saml_nameid_format",
      `The IdP sent a transient NameID, a new random value at every sign-in, so Airlock cannot recognise the person: ${WHAT_TO_CONFIGURE}.`,
    );
  if (!ACCEPTED_NAMEID_FORMATS.has(format))
    throw new SamlRejection(
      "nameid_format",
      "saml_nameid_format",
      `The IdP sent a NameID of format ${format}, which Airlock did not ask for: ${WHAT_TO_CONFIGURE}.`,
    );
  return nameId;
}
