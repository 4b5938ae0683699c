import { computeCacheBustingSearchParam } from "next/dist/shared/lib/router/utils/cache-busting-search-param";

/**
 * A client-side navigation request, as Next's App Router sends it when a link is followed: `RSC: 1`
 * and a `Next-Router-State-Tree` naming the segments the browser already shows. The server renders
 * only the segments below the first one that differs, so layouts the client claims to have mounted
 * are not rendered (and their checks do not run).
 */

type RouterState = [segment: string, children: Record<string, RouterState>];

/** The router state of a browser showing `/<segments...>` (a page under those layouts). */
export function routerStateFor(segments: string[]): RouterState {
  return [
    "",
    { children: segments.reduceRight<RouterState>((child, s) => [s, { children: child }], ["__PAGE__", {}]) },
  ];
}

/**
 * URL and headers to fetch `url` as a navigation from a page at `fromSegments` (for example
 * ["admin", "elsewhere"]: the admin layout is mounted). The `_rsc` search parameter is the hash of
 * the headers that Next checks before answering.
 */
export async function navigationRequest(
  url: string,
  fromSegments: string[],
): Promise<{ url: string; headers: Record<string, string> }> {
  const stateTree = encodeURIComponent(JSON.stringify(routerStateFor(fromSegments)));
  const target = new URL(url);
  target.searchParams.set("_rsc", await computeCacheBustingSearchParam(undefined, undefined, stateTree, undefined));
  return { url: target.toString(), headers: { rsc: "1", "next-router-state-tree": stateTree } };
}
