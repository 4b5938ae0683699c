import type { Element as XmlElement } from "@xmldom/xmldom";
import { invalidSaml } from "@/lib/saml/saml-rejection";
import { childElements, parseXmlStrict } from "@/lib/xml/parse-xml";

/** The namespaces of a SAML 2.0 Response and its XML signature. */
export const SAML_NS = {
  protocol: "urn:oasis:names:tc:SAML:2.0:protocol",
  assertion: "urn:oasis:names:tc:SAML:2.0:assertion",
  dsig: "http://www.w3.org/2000/09/xmldsig#",
};

/** The first child element with that namespace and name, if any. */
export function child(el: XmlElement | undefined, ns: string, name: string): XmlElement | undefined {
  return el ? childElements(el, ns, name)[0] : undefined;
}

/** The root element of well-formed XML, or a refusal naming `what` was not. */
export function parseSamlXml(xml: string, what: string): XmlElement {
  const root = parseXmlStrict(xml);
  if (!root) throw invalidSaml("malformed_xml", `The ${what} is not well-formed XML.`);
  return root;
}

/** A time attribute in milliseconds since the epoch; absent is undefined, unreadable is refused. */
export function readInstant(el: XmlElement | undefined, name: string): number | undefined {
  const value = el?.getAttribute(name);
  if (!value) return undefined;
  const ms = Date.parse(value);
  if (Number.isNaN(ms)) throw invalidSaml("bad_time", `${name} is not a valid time.`);
  return ms;
}
