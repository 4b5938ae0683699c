import { safeRelativePath } from "@/lib/auth/redirects";

/**
 * Where to send a person whose groups are too old: the page that refreshes them with the IdP they
 * signed in with, without interaction unless `interactive`, then goes on to `callbackUrl`.
 */
export function buildRefreshPath({
  idp,
  callbackUrl,
  interactive = false,
}: {
  idp: "oidc" | "saml";
  callbackUrl: string;
  interactive?: boolean;
}): string {
  const query = new URLSearchParams({ idp, callbackUrl: safeRelativePath(callbackUrl) });
  if (interactive) query.set("interactive", "1");
  return `/signin/refresh?${query.toString()}`;
}
