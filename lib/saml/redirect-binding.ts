import { createPrivateKey, sign, verify, type KeyObject } from "node:crypto";
import { deflateRawSync, inflateRawSync } from "node:zlib";
import { invalidSaml } from "@/lib/saml/saml-rejection";

/**
 * The SAML HTTP-Redirect binding (SAML 2.0 Bindings, 3.4): a DEFLATE-compressed, base64 message in
 * the query string, signed over the query string itself (SAMLRequest or SAMLResponse, RelayState,
 * SigAlg, as sent), not over the XML. Pure: keys and certificates are passed in.
 */

export type RedirectParam = "SAMLRequest" | "SAMLResponse";

const SIG_ALGS: Record<string, string> = {
  "http://www.w3.org/2001/04/xmldsig-more#rsa-sha256": "sha256",
  "http://www.w3.org/2001/04/xmldsig-more#rsa-sha384": "sha384",
  "http://www.w3.org/2001/04/xmldsig-more#rsa-sha512": "sha512",
};
const RSA_SHA256 = "http://www.w3.org/2001/04/xmldsig-more#rsa-sha256";

/** The most a redirect-bound message may inflate to: a logout message is a few KiB. */
export const MAX_REDIRECT_MESSAGE_BYTES = 64 * 1024;

/** `endpoint` with the message, RelayState and an RSA-SHA256 signature over them in the query string. */
export function buildSignedRedirectUrl({
  endpoint,
  param,
  xml,
  relayState,
  privateKey,
}: {
  endpoint: string;
  param: RedirectParam;
  xml: string;
  relayState?: string;
  privateKey: KeyObject | string;
}): string {
  const parts = [`${param}=${encodeURIComponent(deflateRawSync(Buffer.from(xml, "utf8")).toString("base64"))}`];
  if (relayState) parts.push(`RelayState=${encodeURIComponent(relayState)}`);
  parts.push(`SigAlg=${encodeURIComponent(RSA_SHA256)}`);
  const signed = parts.join("&");
  const key = typeof privateKey === "string" ? createPrivateKey(privateKey) : privateKey;
  const signature = sign("sha256", Buffer.from(signed, "utf8"), key).toString("base64");
  const url = new URL(endpoint);
  return `${url.toString()}${url.search ? "&" : "?"}${signed}&Signature=${encodeURIComponent(signature)}`;
}

/** The raw (still URL-encoded) value of each query parameter, as received. */
function rawParams(rawQuery: string): Map<string, string> {
  const params = new Map<string, string>();
  for (const part of rawQuery.replace(/^\?/, "").split("&")) {
    const at = part.indexOf("=");
    const name = at < 0 ? part : part.slice(0, at);
    if (params.has(name)) throw invalidSaml("duplicate_parameter", `The query string repeats ${name}.`);
    params.set(name, at < 0 ? "" : part.slice(at + 1));
  }
  return params;
}

function decodeComponent(raw: string): string {
  try {
    return decodeURIComponent(raw);
  } catch {
    throw invalidSaml("bad_encoding", "The query string is not URL-encoded correctly.");
  }
}
const decode = (raw: string) => decodeComponent(raw.replace(/\+/g, " "));
// Base64 holds no spaces: a "+" left unencoded by the sender is a "+".
const decodeBase64 = decodeComponent;

/**
 * Verifies a redirect-bound message's signature against the pinned certificates and returns the
 * inflated XML and RelayState. Refuses a missing signature, an algorithm weaker than RSA-SHA256,
 * and a message that inflates past MAX_REDIRECT_MESSAGE_BYTES.
 */
export function readSignedRedirect({
  rawQuery,
  param,
  certificatesPem,
}: {
  rawQuery: string;
  param: RedirectParam;
  certificatesPem: string[];
}): { xml: string; relayState?: string } {
  const params = rawParams(rawQuery);
  const message = params.get(param);
  if (!message) throw invalidSaml("no_message", `The request carries no ${param}.`);
  const sigAlg = params.get("SigAlg");
  const signature = params.get("Signature");
  if (!sigAlg || !signature) throw invalidSaml("unsigned", `The ${param} is not signed.`);
  const hash = SIG_ALGS[decode(sigAlg)];
  if (!hash)
    throw invalidSaml(
      "signature_algorithm",
      `The signature uses ${decode(sigAlg)}, which Airlock does not accept (SHA-256 or stronger RSA only).`,
    );
  const relayState = params.get("RelayState");
  // The signed octets are the parameters exactly as sent, in the order the binding fixes.
  const signed = [
    `${param}=${message}`,
    ...(relayState !== undefined ? [`RelayState=${relayState}`] : []),
    `SigAlg=${sigAlg}`,
  ].join("&");
  const signatureBytes = Buffer.from(decodeBase64(signature), "base64");
  const isValid = certificatesPem.some((cert) => {
    try {
      return verify(hash, Buffer.from(signed, "utf8"), cert, signatureBytes);
    } catch {
      return false;
    }
  });
  if (!isValid) throw invalidSaml("bad_signature", "The signature is not valid for the IdP's certificate.");
  return {
    xml: inflateMessage(decodeBase64(message)),
    relayState: relayState === undefined ? undefined : decode(relayState),
  };
}

/** A DEFLATE-compressed, base64 message as XML text, bounded in size. */
export function inflateMessage(base64: string): string {
  if (!/^[A-Za-z0-9+/=\r\n]+$/.test(base64)) throw invalidSaml("not_base64", "The message is not base64.");
  try {
    return inflateRawSync(Buffer.from(base64, "base64"), { maxOutputLength: MAX_REDIRECT_MESSAGE_BYTES }).toString(
      "utf8",
    );
  } catch {
    throw invalidSaml("not_deflated", "The message is not DEFLATE-compressed or is too large.");
  }
}
