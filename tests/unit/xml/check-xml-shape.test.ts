import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { parseSigningMaterial } from "@/lib/saml/signing-key";
import { MAX_SAML_RESPONSE_BYTES } from "@/lib/saml/validate-response";
import { checkXmlShape, XML_SHAPE_LIMITS } from "@/lib/xml/check-xml-shape";
import { buildIdpResponse, signIdpResponse } from "@/tests/support/saml-response-builder";

const idpKey = parseSigningMaterial(
  readFileSync("tests/fixtures/saml/airlock-test-key.pem", "utf8"),
  readFileSync("tests/fixtures/saml/airlock-test-cert.pem", "utf8"),
);

// Okta's shape: every value declares its namespaces and type (three attributes per element).
const oktaValue = (v: string) =>
  `<saml2:AttributeValue xmlns:xs="http://www.w3.org/2001/XMLSchema" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xsi:type="xs:string">${v}</saml2:AttributeValue>`;
const wrap = (inner: string) => `<r xmlns="urn:x">${inner}</r>`;

describe("checkXmlShape lets real IdP responses through", () => {
  it.each([
    ["a signed response", signIdpResponse(buildIdpResponse(), idpKey)],
    [
      "a signed response with 2,000 groups",
      signIdpResponse(
        buildIdpResponse({ attributes: { groups: Array.from({ length: 2000 }, (_, i) => `aws-team-${i}`) } }),
        idpKey,
      ),
    ],
    [
      "Okta-style values filling the size limit",
      wrap(
        oktaValue("aws-group-00000").repeat(Math.floor(MAX_SAML_RESPONSE_BYTES / oktaValue("aws-group-00000").length)),
      ),
    ],
    [
      "comments, CDATA and processing instructions with markup inside",
      `<?xml version="1.0"?><r><!-- <a><a><a> --><![CDATA[<b><b>]]><?pi <c> ?><x a='1>2' b="/>"/></r>`,
    ],
    ["nesting at the limit", "<a>".repeat(XML_SHAPE_LIMITS.depth) + "</a>".repeat(XML_SHAPE_LIMITS.depth)],
  ])("%s", (_name, xml) => {
    expect(checkXmlShape(xml)).toBeUndefined();
  });
});

describe("checkXmlShape refuses what would be costly or unsafe to parse", () => {
  it.each([
    ["deep nesting", "<a>".repeat(20_000) + "</a>".repeat(20_000), "xml_too_deep"],
    [
      "one level past the limit",
      "<a>".repeat(XML_SHAPE_LIMITS.depth + 1) + "</a>".repeat(XML_SHAPE_LIMITS.depth + 1),
      "xml_too_deep",
    ],
    ["nesting hidden behind '/>' in attribute values", '<a x="/>">'.repeat(1000) + "</a>".repeat(1000), "xml_too_deep"],
    ["an element flood", wrap("<a/>".repeat(60_000)), "xml_too_many_elements"],
    [
      "an attribute flood on one element",
      `<a ${Array.from({ length: 5000 }, (_, i) => `a${i}=""`).join(" ")}/>`,
      "xml_too_many_attributes",
    ],
    [
      "an attribute flood across elements",
      wrap(`<a ${Array.from({ length: 40 }, (_, i) => `a${i}=""`).join(" ")}/>`.repeat(600)),
      "xml_too_many_attributes",
    ],
    ["a DOCTYPE", '<!DOCTYPE r [<!ENTITY x "y">]><r>&x;</r>', "doctype"],
    ["an unterminated comment", "<r><!-- <a>", "malformed_xml"],
    ["an unclosed quote", '<r a="1><a><a>', "malformed_xml"],
    ["a '<' inside a tag", "<r <a>", "malformed_xml"],
    [
      "deep nesting after unmatched end tags that would drive the count below zero",
      "<r>" + "</x>".repeat(4990) + "<a>".repeat(4990) + "</a>".repeat(4990),
      "malformed_xml",
    ],
  ])("%s", (_name, xml, reason) => {
    expect(checkXmlShape(xml)?.reason).toBe(reason);
  });
});
