/**
 * OpenID Connect RP-Initiated Logout 1.0: where to send the browser so the OP ends its own
 * session, then returns to Airlock's fixed post-logout URL with `state`. Pure.
 */

/** Airlock's post_logout_redirect_uri: register it at the OP for Airlock's client. */
export function buildPostLogoutRedirectUri(baseUrl: string): string {
  return `${baseUrl}/api/auth/logout`;
}

export function buildEndSessionUrl({
  endSessionEndpoint,
  idToken,
  clientId,
  postLogoutRedirectUri,
  state,
}: {
  endSessionEndpoint: string;
  idToken?: string;
  clientId: string;
  postLogoutRedirectUri: string;
  state: string;
}): string {
  const url = new URL(endSessionEndpoint);
  if (idToken) url.searchParams.set("id_token_hint", idToken);
  // Lets the OP check the redirect URI even when it cannot use the hint (an expired key, say).
  url.searchParams.set("client_id", clientId);
  url.searchParams.set("post_logout_redirect_uri", postLogoutRedirectUri);
  url.searchParams.set("state", state);
  return url.toString();
}
