import { generateKeyPairSync } from "node:crypto";
import { readFileSync } from "node:fs";
import { DOMParser, type Element as XmlElement } from "@xmldom/xmldom";
import { describe, expect, it } from "vitest";
import { AWS_ATTRIBUTE, buildAssertionResponse } from "@/lib/saml/build-assertion";
import { parseSigningMaterial } from "@/lib/saml/signing-key";
import { assertionInput as input } from "@/tests/support/assertion-input";

const SAML = "urn:oasis:names:tc:SAML:2.0:assertion";

function parse(xml: string) {
  return new DOMParser().parseFromString(xml, "text/xml");
}

function attributes(xml: string): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  const nodes = parse(xml).getElementsByTagNameNS(SAML, "Attribute");
  for (let i = 0; i < nodes.length; i++) {
    const values = nodes[i].getElementsByTagNameNS(SAML, "AttributeValue");
    out[nodes[i].getAttribute("Name") ?? ""] = Array.from(
      { length: values.length },
      (_, j) => values[j].textContent ?? "",
    );
  }
  return out;
}

function first(xml: string, name: string): XmlElement {
  return parse(xml).getElementsByTagNameNS(SAML, name)[0] as XmlElement;
}

describe("buildAssertionResponse", () => {
  const { xml } = buildAssertionResponse(input);

  it("addresses AWS: Destination, Recipient, Audience, Issuer", () => {
    const doc = parse(xml);
    expect(doc.documentElement?.getAttribute("Destination")).toBe("https://signin.aws.amazon.com/saml");
    expect(first(xml, "SubjectConfirmationData").getAttribute("Recipient")).toBe("https://signin.aws.amazon.com/saml");
    expect(first(xml, "SubjectConfirmation").getAttribute("Method")).toBe("urn:oasis:names:tc:SAML:2.0:cm:bearer");
    expect(first(xml, "Audience").textContent).toBe("urn:amazon:webservices");
    const issuers = doc.getElementsByTagNameNS(SAML, "Issuer");
    expect(Array.from({ length: issuers.length }, (_, i) => issuers[i].textContent)).toEqual([
      input.issuer,
      input.issuer,
    ]);
  });

  it("uses a persistent NameID and a short, skew-tolerant validity window", () => {
    const nameId = first(xml, "NameID");
    expect(nameId.textContent).toBe("user_alice");
    expect(nameId.getAttribute("Format")).toBe("urn:oasis:names:tc:SAML:2.0:nameid-format:persistent");
    const conditions = first(xml, "Conditions");
    expect(conditions.getAttribute("NotBefore")).toBe("2026-11-26T11:59:00Z");
    expect(conditions.getAttribute("NotOnOrAfter")).toBe("2026-11-26T12:05:00Z");
    expect(first(xml, "SubjectConfirmationData").getAttribute("NotOnOrAfter")).toBe("2026-11-26T12:05:00Z");
  });

  it("carries the AWS attributes with their exact names", () => {
    expect(attributes(xml)).toEqual({
      [AWS_ATTRIBUTE.role]: [
        "arn:aws:iam::111111111111:role/team/Developer,arn:aws:iam::111111111111:saml-provider/airlock",
      ],
      [AWS_ATTRIBUTE.roleSessionName]: ["alice@example.com"],
      [AWS_ATTRIBUTE.sessionDuration]: ["28800"],
      [AWS_ATTRIBUTE.sourceIdentity]: ["alice"],
      "https://aws.amazon.com/SAML/Attributes/PrincipalTag:AirlockUser": ["alice@example.com"],
    });
  });

  it("escapes hostile values: no value adds an element or attribute", () => {
    const hostile = `evil</saml:AttributeValue></saml:Attribute><saml:Attribute Name="${AWS_ATTRIBUTE.role}"><saml:AttributeValue>arn:aws:iam::999999999999:role/Admin,x" injected="1 & <!-- -->\u0000`;
    const { xml: out } = buildAssertionResponse({
      ...input,
      nameId: hostile,
      tags: [{ key: "AirlockUser", value: hostile }],
      issuer: `${input.issuer}"/><x y="`,
    });
    const attrs = attributes(out);
    expect(Object.keys(attrs)).toHaveLength(5);
    expect(attrs[AWS_ATTRIBUTE.role]).toEqual([`${input.roleArn},${input.providerArn}`]);
    expect(attrs["https://aws.amazon.com/SAML/Attributes/PrincipalTag:AirlockUser"]).toEqual([
      hostile.replace("\u0000", ""),
    ]);
    expect(first(out, "NameID").textContent).toBe(hostile.replace("\u0000", ""));
    expect(first(out, "Issuer").textContent).toBe(`${input.issuer}"/><x y="`);
    expect(parse(out).getElementsByTagName("x")).toHaveLength(0);
  });
});

describe("parseSigningMaterial", () => {
  it("refuses a short key and a certificate of another key, naming the setting", () => {
    const cert = readFileSync("tests/fixtures/saml/airlock-test-cert.pem", "utf8");
    const small = generateKeyPairSync("rsa", { modulusLength: 1024 })
      .privateKey.export({ type: "pkcs8", format: "pem" })
      .toString();
    expect(() => parseSigningMaterial(small, cert)).toThrow(
      /AIRLOCK_SIGNING_KEY must be an RSA key of 2048 bits or more/,
    );
    const other = generateKeyPairSync("rsa", { modulusLength: 2048 })
      .privateKey.export({ type: "pkcs8", format: "pem" })
      .toString();
    expect(() => parseSigningMaterial(other, cert)).toThrow(
      /AIRLOCK_SIGNING_CERT must be the certificate of AIRLOCK_SIGNING_KEY/,
    );
    expect(() => parseSigningMaterial("not a key", cert)).toThrow(/AIRLOCK_SIGNING_KEY must be a PEM private key/);
  });
});
