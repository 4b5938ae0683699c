import { gzipSync } from "node:zlib";
import { ms } from "@/scripts/bench/stats";

/** First-load JavaScript of the home page as the signed-in person gets it, gzipped. */
export async function benchFirstLoadJs(url: string, cookie: string) {
  const html = await (await fetch(`${url}/`, { headers: { cookie } })).text();
  // Modern browsers skip noModule scripts (the legacy polyfills), so they are not counted.
  const scripts = [
    ...new Set(
      [...html.matchAll(/<script([^>]+)>/g)]
        .filter((m) => !/nomodule/i.test(m[1]))
        .flatMap((m) => /src="([^"]+)"/.exec(m[1])?.[1] ?? []),
    ),
  ];
  let gzipBytes = 0;
  for (const src of scripts)
    gzipBytes += gzipSync(Buffer.from(await (await fetch(new URL(src, url))).arrayBuffer())).length;
  return { scripts: scripts.length, gzipKiB: ms(gzipBytes / 1024) };
}
