import type { Element as XmlElement } from "@xmldom/xmldom";
import { readSignedRedirect, type RedirectParam } from "@/lib/saml/redirect-binding";
import { checkResponseText } from "@/lib/saml/response-checks";
import { parseSamlXml } from "@/lib/saml/saml-dom";
import { invalidSaml } from "@/lib/saml/saml-rejection";
import { verifyMessageSignature } from "@/lib/saml/verify-response-signature";
import { checkXmlShape } from "@/lib/xml/check-xml-shape";

/**
 * A logout message from the IdP, by either binding, with its signature verified against the
 * pinned certificates before anything is read from it: HTTP-Redirect (signature over the query
 * string) or HTTP-POST (enveloped XML signature; only the canonical XML it covers is returned).
 * Pure. samlify is deliberately not used to parse it (its handling of signatures on incoming
 * requests is open to wrapping).
 */

export type SloMessage = { param: RedirectParam; root: XmlElement; relayState?: string };

function parseChecked(xml: string): XmlElement {
  checkResponseText(xml);
  const shape = checkXmlShape(xml);
  if (shape) throw invalidSaml(shape.reason, shape.message);
  return parseSamlXml(xml, "logout message");
}

function pickParam(has: (name: string) => boolean): RedirectParam {
  const isRequest = has("SAMLRequest");
  if (isRequest === has("SAMLResponse"))
    throw invalidSaml("no_message", "Send exactly one of SAMLRequest or SAMLResponse.");
  return isRequest ? "SAMLRequest" : "SAMLResponse";
}

export function readSignedLogoutMessage({
  rawQuery,
  form,
  certificatesPem,
}: {
  /** The query string as received (GET: the redirect binding). */
  rawQuery: string;
  /** The form body (POST: the POST binding). */
  form?: URLSearchParams;
  certificatesPem: string[];
}): SloMessage {
  if (!form) {
    const query = new URLSearchParams(rawQuery);
    const param = pickParam((name) => query.has(name));
    const { xml, relayState } = readSignedRedirect({ rawQuery, param, certificatesPem });
    return { param, root: parseChecked(xml), relayState };
  }
  const param = pickParam((name) => form.has(name));
  const encoded = form.get(param) ?? "";
  if (!/^[A-Za-z0-9+/=\r\n]+$/.test(encoded)) throw invalidSaml("not_base64", `${param} is not base64.`);
  const xml = Buffer.from(encoded, "base64").toString("utf8");
  const root = parseChecked(xml);
  const signedXml = verifyMessageSignature({ xml, root, certificates: certificatesPem });
  return { param, root: parseSamlXml(signedXml, "signed part"), relayState: form.get("RelayState") ?? undefined };
}
