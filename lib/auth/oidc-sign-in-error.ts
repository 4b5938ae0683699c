/**
 * An OIDC answer Airlock refuses during next-auth's callback. `code` is the sign-in audit reason:
 * next-auth wraps the error (OAuthCallbackError) but keeps its code and message, which the auth
 * logger records. The message is for administrators and never carries tokens or secrets.
 */
export type OidcRefusal = "oidc_userinfo_sub_mismatch" | "oidc_userinfo_failed" | "oidc_id_token_alg_refused";

export class OidcSignInError extends Error {
  constructor(
    readonly code: OidcRefusal,
    message: string,
  ) {
    super(message);
    this.name = "OidcSignInError";
  }
}

const refusals: readonly string[] = [
  "oidc_userinfo_sub_mismatch",
  "oidc_userinfo_failed",
  "oidc_id_token_alg_refused",
] satisfies OidcRefusal[];

export function isOidcRefusal(code: unknown): code is OidcRefusal {
  return typeof code === "string" && refusals.includes(code);
}
