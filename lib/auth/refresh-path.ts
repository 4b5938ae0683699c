import { safeRelativePath } from "@/lib/auth/redirects";

/** Which kind of IdP a session's `idp` ("oidc:<issuer>" or "saml:<entity id>") names. */
export function idpKindOf(idp: string): "oidc" | "saml" {
  return idp.startsWith("oidc:") ? "oidc" : "saml";
}

/**
 * Where to send a person whose groups are too old: the page that refreshes them with the IdP they
 * signed in with, without interaction unless `interactive`, then goes on to `callbackUrl`. `fresh`
 * (a step-up) asks the IdP to authenticate the person anew even when its own session is alive.
 */
export function buildRefreshPath({
  idp,
  callbackUrl,
  interactive = false,
  fresh = false,
}: {
  idp: "oidc" | "saml";
  callbackUrl: string;
  interactive?: boolean;
  fresh?: boolean;
}): string {
  const query = new URLSearchParams({ idp, callbackUrl: safeRelativePath(callbackUrl) });
  if (interactive || fresh) query.set("interactive", "1");
  if (fresh) query.set("fresh", "1");
  return `/signin/refresh?${query.toString()}`;
}
