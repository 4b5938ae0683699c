import { RETRY_AFTER_SECONDS } from "@/lib/errors";

/** Seconds after which the outage page reloads itself: it shows the page asked for once Airlock is back. */
const RELOAD_SECONDS = 10;

/**
 * What a page answers while Airlock cannot reach its database: 503 with Retry-After, and the
 * explanation in the HTML itself (no script needed; the page reloads itself every few seconds).
 * Plain HTML on purpose: it is sent by proxy.ts before any page renders. Pure.
 */
export function buildOutagePage({ headers }: { headers?: HeadersInit } = {}): Response {
  const html = `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<meta http-equiv="refresh" content="${RELOAD_SECONDS}"><title>Service unavailable · Airlock</title>
<style>body{font-family:system-ui,sans-serif;color:#0f172a;margin:0}main{max-width:42rem;margin:0 auto;padding:2.5rem 1rem}
.label{color:#b45309;font-size:.875rem;font-weight:600;letter-spacing:.05em;text-transform:uppercase}
h1{font-size:1.5rem;margin:.5rem 0 0}p{color:#334155;line-height:1.5}a{display:inline-block;margin-top:1rem;background:#0f172a;color:#fff;border-radius:.5rem;padding:.6rem 1rem;text-decoration:none}</style>
</head><body><main role="alert">
<p class="label">503 · Service unavailable</p>
<h1>Airlock cannot reach its database right now</h1>
<p>Your AWS access has not changed, and nothing you did was lost. Try again in a minute: this page tries again by itself every ${RELOAD_SECONDS} seconds and shows what you asked for once Airlock is back. If it stays like this, tell your Airlock administrators.</p>
<a href="">Try again</a>
</main></body></html>`;
  const response = new Response(html, { status: 503, headers });
  response.headers.set("Content-Type", "text/html; charset=utf-8");
  response.headers.set("Cache-Control", "no-store");
  response.headers.set("Retry-After", String(RETRY_AFTER_SECONDS));
  return response;
}
