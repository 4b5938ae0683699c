import type { Browser } from "@playwright/test";
import { groupCpuMs } from "@/scripts/bench/cpu";
import { PORTAL_SIZES } from "@/scripts/bench/environment";
import { signIn } from "@/scripts/bench/sign-in";
import { median, ms, percentile } from "@/scripts/bench/stats";
import { isHydrated, typeInSearch, untilIdle } from "@/scripts/bench/type-in-search";

const QUERY = "acct-0123";

/**
 * Server render of the home page: 10 GETs after 2 uncounted, as the signed-in person; and the CPU
 * time Airlock's processes spent per GET, which a busy machine inflates far less than wall time.
 */
async function serverRenders(url: string, cookie: string, serverPid: number) {
  const renders: number[] = [];
  let cpuBefore = NaN;
  for (let i = 0; i < 12; i += 1) {
    if (i === 2) cpuBefore = groupCpuMs(serverPid);
    const t = performance.now();
    const response = await fetch(`${url}/`, { headers: { cookie } });
    await response.text();
    if (!response.ok) throw new Error(`GET / answered HTTP ${response.status}`);
    if (i >= 2) renders.push(performance.now() - t);
  }
  return { renders, cpuMs: (groupCpuMs(serverPid) - cpuBefore) / renders.length };
}

/** Types QUERY into the hydrated home page's search in a real Chromium. */
async function keystrokes(browser: Browser, url: string, cookie: string) {
  const context = await browser.newContext();
  try {
    const [name, value] = cookie.split("=");
    await context.addCookies([{ name, value, url }]);
    const page = await context.newPage();
    await page.goto(url);
    await page.getByRole("region", { name: "All accounts" }).waitFor();
    // The server-rendered page shows before React listens to it (a key typed then is lost), and a
    // key typed while it hydrates waits for the rest of hydration: type on a hydrated, idle page.
    await page.waitForFunction(isHydrated);
    await page.evaluate(untilIdle);
    // The renderer's main-thread busy time (tasks), which a busy machine inflates less than wall time.
    const cdp = await context.newCDPSession(page);
    await cdp.send("Performance.enable");
    const busyMs = async () =>
      ((await cdp.send("Performance.getMetrics")).metrics.find((m) => m.name === "TaskDuration")?.value ?? NaN) * 1000;
    const before = await busyMs();
    const times = await page.evaluate(typeInSearch, QUERY);
    return { times, busyMsPerKey: ((await busyMs()) - before) / times.length };
  } finally {
    await context.close();
  }
}

/** How the home page scales with entitlements: server render and filtering, per portal size. */
export async function benchHomePage(browser: Browser, url: string, serverPid: number) {
  const results: Record<string, Record<string, number>> = {};
  for (const size of PORTAL_SIZES) {
    const { cookie } = await signIn(browser, url, `p${size}@example.com`, `p${size}`);
    const { renders, cpuMs } = await serverRenders(url, cookie, serverPid);
    const { times, busyMsPerKey } = await keystrokes(browser, url, cookie);
    const committed = times.map(([c]) => c);
    results[`roles${size}`] = {
      roles: size,
      serverRenderP50Ms: ms(median(renders)),
      serverRenderP95Ms: ms(percentile(renders, 95)),
      // From the keystroke to the list for that query committed to the DOM; and to the next frame
      // (headless Chromium draws at 60 Hz, so that one is never below one 16.7 ms frame).
      filterPerKeystrokeP50Ms: ms(median(committed)),
      filterPerKeystrokeMaxMs: ms(Math.max(...committed)),
      filterToNextFrameP50Ms: ms(median(times.map(([, frame]) => frame))),
      // Not in the table: CPU per render (Airlock's processes) and main-thread busy ms per keystroke.
      serverRenderCpuMs: ms(cpuMs),
      filterMainThreadMsPerKeystroke: ms(busyMsPerKey),
    };
  }
  return results;
}
