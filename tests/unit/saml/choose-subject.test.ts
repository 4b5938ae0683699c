import { describe, expect, it } from "vitest";
import { chooseSubject } from "@/lib/saml/choose-subject";
import { NAMEID_FORMAT } from "@/lib/saml/identity-attributes";
import { SamlRejection } from "@/lib/saml/saml-rejection";

function outcome(input: Parameters<typeof chooseSubject>[0]): string {
  try {
    return `subject ${chooseSubject(input)}`;
  } catch (error) {
    if (error instanceof SamlRejection) return `refused ${error.reason} (${error.userCode})`;
    throw error;
  }
}

const nameId = "n-0001";
const attributes = { uid: ["alice"], groups: ["a", "b"], empty: [""] };

describe("which value keys a SAML user", () => {
  it.each([
    ["a persistent NameID", NAMEID_FORMAT.persistent, undefined, "subject n-0001"],
    ["an emailAddress NameID", NAMEID_FORMAT.emailAddress, undefined, "subject n-0001"],
    ["an unspecified NameID", NAMEID_FORMAT.unspecified, undefined, "subject n-0001"],
    ["a NameID without Format (unspecified)", null, undefined, "subject n-0001"],
    ["a transient NameID", NAMEID_FORMAT.transient, undefined, "refused transient_nameid (saml_nameid_format)"],
    [
      "a format Airlock did not ask for",
      "urn:oasis:names:tc:SAML:1.1:nameid-format:X509SubjectName",
      undefined,
      "refused nameid_format (saml_nameid_format)",
    ],
    ["the subject attribute, whatever the NameID", NAMEID_FORMAT.transient, "uid", "subject alice"],
    [
      "a subject attribute not released",
      NAMEID_FORMAT.persistent,
      "employeeNumber",
      "refused subject_attribute_missing (saml_subject_attribute)",
    ],
    [
      "an empty subject attribute",
      NAMEID_FORMAT.persistent,
      "empty",
      "refused subject_attribute_missing (saml_subject_attribute)",
    ],
    [
      "a multi-valued subject attribute",
      NAMEID_FORMAT.persistent,
      "groups",
      "refused subject_attribute_multivalued (saml_subject_attribute)",
    ],
  ])("%s", (_, nameIdFormat, subjectAttribute, expected) =>
    expect(outcome({ nameId, nameIdFormat, attributes, subjectAttribute })).toBe(expected),
  );

  it("tells the IdP admin what to configure", () => {
    expect(() => chooseSubject({ nameId, nameIdFormat: NAMEID_FORMAT.transient, attributes })).toThrow(
      /persistent NameID, or set AIRLOCK_SAML_SUBJECT_ATTRIBUTE/,
    );
  });
});
