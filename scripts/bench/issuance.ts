import { groupCpuMs, ownCpuMs } from "@/scripts/bench/cpu";
import { median, ms, percentile } from "@/scripts/bench/stats";

const ISSUANCES_PER_LEVEL = 1000;
const LEVEL_TIME_CAP_MS = 60_000;
const CONCURRENCY_LEVELS = [1, 10, 50];

type Sample = { overhead: number; sts: number; clientMs: number };

/** One POST /api/credentials: overhead = the handler's total - STS, from its Server-Timing. */
async function issue(url: string, cookie: string): Promise<Sample> {
  const t = performance.now();
  const response = await fetch(`${url}/api/credentials`, {
    method: "POST",
    headers: { cookie, "content-type": "application/json" },
    body: JSON.stringify({ accountId: "111111111111", roleName: "Developer" }),
  });
  const clientMs = performance.now() - t;
  await response.arrayBuffer();
  if (!response.ok) throw new Error(`issuance failed with HTTP ${response.status}`);
  const timing = response.headers.get("server-timing") ?? "";
  const sts = Number(/sts;dur=([\d.]+)/.exec(timing)?.[1]);
  const total = Number(/total;dur=([\d.]+)/.exec(timing)?.[1]);
  return { overhead: total - sts, sts, clientMs };
}

async function level(url: string, cookie: string, serverPid: number, concurrency: number) {
  const once = () => issue(url, cookie);
  // Two uncounted rounds at this concurrency first (connections, pools, JIT).
  for (let round = 0; round < 2; round += 1) await Promise.all(Array.from({ length: concurrency }, once));
  const samples: Sample[] = [];
  const cpuBefore = { airlock: groupCpuMs(serverPid), bench: ownCpuMs() };
  const started = performance.now();
  const worker = async () => {
    while (samples.length < ISSUANCES_PER_LEVEL && performance.now() - started < LEVEL_TIME_CAP_MS)
      samples.push(await once());
  };
  await Promise.all(Array.from({ length: concurrency }, worker));
  const seconds = (performance.now() - started) / 1000;
  const overhead = samples.map((s) => s.overhead);
  return {
    concurrency,
    requests: samples.length,
    overheadP50Ms: ms(median(overhead)),
    overheadP95Ms: ms(percentile(overhead, 95)),
    overheadP99Ms: ms(percentile(overhead, 99)),
    stsP50Ms: ms(median(samples.map((s) => s.sts))),
    clientP50Ms: ms(median(samples.map((s) => s.clientMs))),
    issuancesPerSecond: ms(samples.length / seconds),
    // Where the cores went: Airlock's processes, and this one (the emulator, the OIDC IdP, the clients).
    cpuPerIssuance: {
      airlockMs: ms((groupCpuMs(serverPid) - cpuBefore.airlock) / samples.length),
      emulatorAndClientsMs: ms((ownCpuMs() - cpuBefore.bench) / samples.length),
    },
  };
}

export type IssuanceLevel = Awaited<ReturnType<typeof level>>;

/** Issuance overhead and throughput at 1, 10 and 50 concurrent clients, for one signed-in person. */
export async function benchIssuance(url: string, cookie: string, serverPid: number) {
  for (let i = 0; i < 20; i += 1) await issue(url, cookie);
  const results: Record<string, IssuanceLevel> = {};
  for (const concurrency of CONCURRENCY_LEVELS)
    results[`c${concurrency}`] = await level(url, cookie, serverPid, concurrency);
  return results;
}
