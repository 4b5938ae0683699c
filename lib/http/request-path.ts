/**
 * The path and query a page was asked for, as proxy.ts passes it to the page's guards (Server
 * Components cannot read their own URL), so a sign-in or group re-check comes back to exactly it.
 */
export const REQUEST_PATH_HEADER = "x-airlock-request-path";

// Next's own navigation markers: not part of the page a person asked for.
const internalParams = ["_rsc"];

/** Pathname and query of `url`, without Next's internal parameters. Pure. */
export function buildRequestPath(url: URL): string {
  const search = new URLSearchParams(url.search);
  for (const name of internalParams) search.delete(name);
  const query = search.toString();
  return `${url.pathname}${query ? `?${query}` : ""}`;
}
