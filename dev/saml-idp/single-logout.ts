import type { ServerResponse } from "node:http";
import { randomUUID } from "node:crypto";
import type * as samlify from "samlify";
import { toPemCertificates } from "@/lib/saml/validate-response";
import { buildLogoutRequestXml, buildLogoutResponseXml, STATUS } from "@/lib/saml/logout-messages";
import { buildSignedRedirectUrl, readSignedRedirect } from "@/lib/saml/redirect-binding";
import { parseXmlStrict } from "@/lib/xml/parse-xml";

/**
 * The demo IdP's single logout, HTTP-Redirect binding both ways, as a corporate IdP does it:
 * Airlock's LogoutRequest (its signature checked against the SP metadata's signing certificate)
 * ends the IdP session and is answered with a signed LogoutResponse; "Sign out everywhere" sends
 * Airlock a signed LogoutRequest naming the person and this browser's session indexes.
 */

const SAMLP = "urn:oasis:names:tc:SAML:2.0:protocol";
const SAML = "urn:oasis:names:tc:SAML:2.0:assertion";

export type SloContext = { entityId: string; sloUrl: string; privateKey: string; sp: samlify.ServiceProviderInstance };

function spSlo(sp: samlify.ServiceProviderInstance): string {
  const slo: unknown = sp.entityMeta.getSingleLogoutService("redirect");
  if (typeof slo !== "string") throw new Error("the SP metadata has no HTTP-Redirect SingleLogoutService");
  return slo;
}

function spCertificates(sp: samlify.ServiceProviderInstance): string[] {
  const raw: unknown = sp.entityMeta.getX509Certificate("signing");
  const list = (Array.isArray(raw) ? raw : [raw]).filter((c): c is string => typeof c === "string");
  return toPemCertificates(list);
}

const redirect = (res: ServerResponse, location: string, cookie?: string) => {
  res.writeHead(303, { location, "cache-control": "no-store", ...(cookie ? { "set-cookie": cookie } : {}) });
  res.end();
};

/** Reads the SP's signed LogoutRequest or LogoutResponse; throws when the signature is not the SP's. */
export function readSpMessage(ctx: SloContext, rawQuery: string) {
  const param = new URLSearchParams(rawQuery).has("SAMLRequest") ? "SAMLRequest" : "SAMLResponse";
  const { xml, relayState } = readSignedRedirect({ rawQuery, param, certificatesPem: spCertificates(ctx.sp) });
  const root = parseXmlStrict(xml);
  if (!root || root.namespaceURI !== SAMLP) throw new Error("not a SAML protocol message");
  return { param, root, relayState };
}

/** Answers the SP's LogoutRequest with a signed Success LogoutResponse. */
export function answerSpLogout(
  ctx: SloContext,
  res: ServerResponse,
  requestId: string,
  relayState?: string,
  cookie?: string,
) {
  const destination = spSlo(ctx.sp);
  const xml = buildLogoutResponseXml({
    id: `_${randomUUID()}`,
    now: new Date(),
    destination,
    issuer: ctx.entityId,
    inResponseTo: requestId,
    status: STATUS.success,
  });
  const location = buildSignedRedirectUrl({
    endpoint: destination,
    param: "SAMLResponse",
    xml,
    relayState,
    privateKey: ctx.privateKey,
  });
  redirect(res, location, cookie);
}

/** Starts IdP-initiated logout at the SP for this person and these session indexes. */
export function startIdpLogout(
  ctx: SloContext,
  res: ServerResponse,
  person: { nameId: string; sessionIndexes: string[] },
  cookie: string,
) {
  const destination = spSlo(ctx.sp);
  const xml = buildLogoutRequestXml({
    id: `_${randomUUID()}`,
    now: new Date(),
    destination,
    issuer: ctx.entityId,
    handle: { nameId: person.nameId, format: "urn:oasis:names:tc:SAML:2.0:nameid-format:persistent" },
  }).replace(
    "</samlp:LogoutRequest>",
    `${person.sessionIndexes.map((s) => `<samlp:SessionIndex>${s}</samlp:SessionIndex>`).join("")}</samlp:LogoutRequest>`,
  );
  redirect(
    res,
    buildSignedRedirectUrl({ endpoint: destination, param: "SAMLRequest", xml, privateKey: ctx.privateKey }),
    cookie,
  );
}

/** The SP's status for an IdP-initiated logout, as the page after "Sign out everywhere" shows it. */
export function readLogoutStatus(root: Element | ReturnType<typeof parseXmlStrict>): string {
  const code = root?.getElementsByTagNameNS(SAMLP, "StatusCode")[0]?.getAttribute("Value") ?? "";
  return code === STATUS.success ? "Signed out everywhere." : `The SP answered ${code || "no status"}.`;
}

export const readNameId = (root: NonNullable<ReturnType<typeof parseXmlStrict>>) =>
  root.getElementsByTagNameNS(SAML, "NameID")[0]?.textContent?.trim() ?? "";
