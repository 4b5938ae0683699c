import { DOMParser, type Element as XmlElement } from "@xmldom/xmldom";

// samlify's dependency ships @xmldom/xmldom 0.8 typings as an ambient module that shadows the
// 0.9 constructor type; at run time this is 0.9, whose options take `onError`.
type StrictParser = new (options: {
  onError: (level: "warning" | "error" | "fatalError") => void;
}) => InstanceType<typeof DOMParser>;

/** Parses XML strictly: any error (not only a fatal one) makes it undefined. */
export function parseXmlStrict(xml: string): XmlElement | undefined {
  let failed = false;
  const parser = new (DOMParser as unknown as StrictParser)({
    onError: (level) => {
      if (level !== "warning") failed = true;
    },
  });
  try {
    const doc = parser.parseFromString(xml, "text/xml");
    return failed || !doc.documentElement ? undefined : (doc.documentElement as unknown as XmlElement);
  } catch {
    return undefined;
  }
}

/** The element children of `el` with this namespace and local name, in document order. */
export function childElements(el: XmlElement, ns: string, name: string): XmlElement[] {
  const out: XmlElement[] = [];
  for (let n = el.firstChild; n; n = n.nextSibling) {
    if (n.nodeType === 1 && (n as XmlElement).namespaceURI === ns && (n as XmlElement).localName === name)
      out.push(n as XmlElement);
  }
  return out;
}
