import { z } from "zod";

/**
 * What ending a session at its IdP needs, captured at sign-in and kept on the session row: for
 * SAML the NameID exactly as asserted (format, qualifiers) and the SessionIndex; for OIDC the
 * `sub`, the `sid` and the raw ID token (sent back as id_token_hint, and nothing else: it is
 * cleared when the session ends). Pure.
 */

const samlSchema = z.object({
  protocol: z.literal("saml"),
  nameId: z.string().min(1).max(1024),
  format: z.string().max(256).optional(),
  nameQualifier: z.string().max(1024).optional(),
  spNameQualifier: z.string().max(1024).optional(),
  sessionIndex: z.string().max(1024).optional(),
});
// Sent back in a URL, where browsers, proxies and OPs cap the length: a longer ID token (a
// great many groups in it, say) is not kept, and the OP gets client_id alone.
const MAX_ID_TOKEN_HINT_CHARS = 16_384;

const oidcSchema = z.object({
  protocol: z.literal("oidc"),
  sub: z.string().min(1).max(512),
  sid: z.string().max(512).optional(),
  idToken: z.string().max(MAX_ID_TOKEN_HINT_CHARS).optional(),
});
const idpLogoutSchema = z.discriminatedUnion("protocol", [samlSchema, oidcSchema]);

export type SamlIdpLogout = z.infer<typeof samlSchema>;
export type OidcIdpLogout = z.infer<typeof oidcSchema>;
export type IdpLogout = z.infer<typeof idpLogoutSchema>;

/** A stored handle, or undefined when there is none or it cannot be read. */
export function parseIdpLogout(json: string | null | undefined): IdpLogout | undefined {
  if (!json) return undefined;
  try {
    const parsed = idpLogoutSchema.safeParse(JSON.parse(json));
    return parsed.success ? parsed.data : undefined;
  } catch {
    return undefined;
  }
}

/** The session row's columns: the indexed subject and IdP session, and the whole handle. */
export function toSessionColumns(logout: IdpLogout | undefined): {
  idpSubject: string | null;
  idpSessionId: string | null;
  idpLogout: string | null;
} {
  if (!logout) return { idpSubject: null, idpSessionId: null, idpLogout: null };
  const isSaml = logout.protocol === "saml";
  const kept =
    !isSaml && (logout.idToken?.length ?? 0) > MAX_ID_TOKEN_HINT_CHARS ? { ...logout, idToken: undefined } : logout;
  return {
    idpSubject: isSaml ? logout.nameId : logout.sub,
    idpSessionId: (isSaml ? logout.sessionIndex : logout.sid) ?? null,
    idpLogout: JSON.stringify(kept),
  };
}
