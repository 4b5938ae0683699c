import "server-only";
import { existsSync, readFileSync } from "node:fs";
import * as samlify from "samlify";
import { getEnv } from "@/lib/env";
import { AppError } from "@/lib/errors";
import { log } from "@/lib/log";
import { toPemCertificates } from "@/lib/saml/validate-response";

/**
 * The corporate SAML IdP, from AIRLOCK_SAML_IDP_METADATA: a file path, an http(s) URL or the XML
 * itself. Its signing certificates are pinned from this metadata only. A URL is re-read every ten
 * minutes; when it cannot be read, the last good copy is kept.
 */

export type CorporateIdp = {
  idp: samlify.IdentityProviderInstance;
  entityId: string;
  certificatesPem: string[];
  /** The IdP's SingleLogoutService for the HTTP-Redirect binding, when it has one. */
  sloUrl?: string;
};

const REFRESH_MS = 10 * 60 * 1000;
let cache: { idp: CorporateIdp; loadedAt: number } | undefined;

async function readMetadata(source: string): Promise<string> {
  if (source.trimStart().startsWith("<")) return source;
  if (/^https?:\/\//.test(source)) {
    const response = await fetch(source, { signal: AbortSignal.timeout(5_000), redirect: "error" });
    if (!response.ok) throw new Error(`HTTP ${response.status} from ${source}`);
    return response.text();
  }
  if (!existsSync(source)) throw new Error(`no file at ${source}`);
  return readFileSync(source, "utf8");
}

export function parseCorporateIdp(xml: string): CorporateIdp {
  if (/<!DOCTYPE|<!ENTITY/i.test(xml)) throw new Error("the metadata contains a DOCTYPE");
  const idp = samlify.IdentityProvider({ metadata: xml, wantAuthnRequestsSigned: false });
  const entityId = idp.entityMeta.getEntityID();
  const raw = idp.entityMeta.getX509Certificate("signing");
  const certificatesPem = toPemCertificates((Array.isArray(raw) ? raw : [raw]).filter(Boolean));
  if (!entityId || certificatesPem.length === 0)
    throw new Error("the metadata names no entity id or signing certificate");
  const slo: unknown = idp.entityMeta.getSingleLogoutService("redirect");
  const sloUrl = typeof slo === "string" && /^https?:\/\//.test(slo) ? slo : undefined;
  return { idp, entityId, certificatesPem, sloUrl };
}

export async function getCorporateIdp(): Promise<CorporateIdp> {
  const source = getEnv().AIRLOCK_SAML_IDP_METADATA;
  if (!source) throw new AppError("not_found", "SAML sign-in is not configured.");
  if (cache && Date.now() - cache.loadedAt < REFRESH_MS) return cache.idp;
  try {
    const idp = parseCorporateIdp(await readMetadata(source));
    cache = { idp, loadedAt: Date.now() };
    return idp;
  } catch (error) {
    log.error("saml_idp_metadata_unreadable", { error, hint: "check AIRLOCK_SAML_IDP_METADATA" });
    if (cache) return cache.idp;
    throw new AppError(
      "unavailable",
      "SAML sign-in is unavailable: Airlock cannot read its identity provider's metadata (AIRLOCK_SAML_IDP_METADATA).",
    );
  }
}
