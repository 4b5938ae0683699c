// Dropped, not escaped: the characters XML 1.0 forbids, and NEL, LS and PS, which XML 1.1
// parsers (and xmldom) read as line feeds while XML 1.0 parsers keep them, so a signature over
// text holding them would verify with some parsers and not others.
const NOT_XML_CHAR = /[^\x09\x0A\x0D\x20-\x84\x86-\u2027\u202A-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/gu;

const ENTITIES: Record<string, string> = {
  "&": "&amp;",
  "<": "&lt;",
  ">": "&gt;",
  '"': "&quot;",
  "'": "&apos;",
  "\t": "&#x9;",
  "\n": "&#xA;",
  "\r": "&#xD;",
};
const entity = (c: string) => ENTITIES[c] ?? c;

/** XML text and attribute escaping. */
export function escapeXml(value: string): string {
  return value.replace(NOT_XML_CHAR, "").replace(/[&<>"']/g, entity);
}

/**
 * Text as canonical XML writes it (W3C XML Canonicalization 1.0, "Text Nodes"): what a parser
 * reads back from it canonicalizes to these same characters, so a digest of the text is the
 * digest of its canonical form.
 */
export function canonicalText(value: string): string {
  return value.replace(NOT_XML_CHAR, "").replace(/[&<>\r]/g, entity);
}

/** An attribute value (between double quotes) as canonical XML writes it ("Attribute Nodes"). */
export function canonicalAttribute(value: string): string {
  return value.replace(NOT_XML_CHAR, "").replace(/[&<"\t\n\r]/g, entity);
}
