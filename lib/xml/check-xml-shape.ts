/**
 * A linear scan of XML text that refuses documents too deep or too busy to hand to a parser.
 * Parsing, schema validation and signature checks all cost more than linear time on deeply nested
 * or element-flooded input (measured: 350 KB of nesting took about a second), and they run before
 * anything proves who sent the document, so this runs first and reads each character once.
 *
 * The limits are far above what real IdPs send: an Okta, Entra ID, ADFS or Shibboleth response is
 * about 10 levels deep (Response > Assertion > Signature > SignedInfo > Reference > Transforms >
 * Transform > InclusiveNamespaces), 20 with a nested Advice assertion; 256 KiB of response holds
 * at most about 3,500 group values of realistic length (one element and up to three attributes
 * each); and the busiest element, the Response, declares about a dozen namespaces and attributes.
 */

export const XML_SHAPE_LIMITS = { depth: 32, elements: 10_000, attributes: 20_000, attributesPerElement: 64 };

export type XmlShapeProblem = {
  reason: "xml_too_deep" | "xml_too_many_elements" | "xml_too_many_attributes" | "malformed_xml" | "doctype";
  message: string;
};

const malformed = (message: string): XmlShapeProblem => ({ reason: "malformed_xml", message });

// Markup whose content is not elements, and where it ends.
const SKIPPED = [
  ["<!--", "-->"],
  ["<![CDATA[", "]]>"],
  ["<?", "?>"],
] as const;

/**
 * Scans a start tag from `start` (its `<`): where it ends, how many attributes it has, and whether
 * it closes itself. Quoted values are skipped whole, so `/>` or `>` inside one cannot fool the
 * depth count; a `<` or an unclosed quote inside a tag is malformed.
 */
function scanStartTag(xml: string, start: number): { end: number; attributes: number; isEmpty: boolean } | undefined {
  let attributes = 0;
  for (let i = start + 1; i < xml.length; i++) {
    const c = xml[i];
    if (c === '"' || c === "'") {
      const close = xml.indexOf(c, i + 1);
      if (close < 0) return undefined;
      i = close;
    } else if (c === "=") attributes++;
    else if (c === "<") return undefined;
    else if (c === ">") return { end: i, attributes, isEmpty: xml[i - 1] === "/" };
  }
  return undefined;
}

/** The first limit `xml` exceeds, or undefined when it is safe to parse. Pure and linear in the text's length. */
export function checkXmlShape(xml: string, limits = XML_SHAPE_LIMITS): XmlShapeProblem | undefined {
  let depth = 0;
  let elements = 0;
  let attributes = 0;
  for (let i = xml.indexOf("<"); i >= 0; i = xml.indexOf("<", i + 1)) {
    const skipped = SKIPPED.find(([open]) => xml.startsWith(open, i));
    if (skipped) {
      const end = xml.indexOf(skipped[1], i + skipped[0].length);
      if (end < 0) return malformed(`Unterminated ${skipped[0]}.`);
      i = end + skipped[1].length - 1;
    } else if (xml[i + 1] === "!") {
      return { reason: "doctype", message: "The XML contains a DOCTYPE or entity declaration." };
    } else if (xml[i + 1] === "/") {
      // An end tag with nothing open would let the count go below zero and hide deeper nesting.
      if (--depth < 0) return malformed("An end tag closes an element that was never opened.");
      i = xml.indexOf(">", i);
      if (i < 0) return malformed("Unterminated end tag.");
    } else {
      const tag = scanStartTag(xml, i);
      if (!tag) return malformed("Unterminated or malformed start tag.");
      elements++;
      attributes += tag.attributes;
      if (!tag.isEmpty) depth++;
      if (depth > limits.depth)
        return { reason: "xml_too_deep", message: `The XML nests deeper than ${limits.depth} elements.` };
      if (elements > limits.elements)
        return { reason: "xml_too_many_elements", message: `The XML has more than ${limits.elements} elements.` };
      if (tag.attributes > limits.attributesPerElement || attributes > limits.attributes)
        return { reason: "xml_too_many_attributes", message: "The XML has too many attributes." };
      i = tag.end;
    }
  }
  return undefined;
}
