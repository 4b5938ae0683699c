import type { IssuanceLevel } from "@/scripts/bench/issuance";

export type BenchReport = {
  machine: { cores: number; cpu: string; memoryGiB: number; node: string };
  date: string;
  mintAndSign?: { p50Ms: number; p95Ms: number; samples: number };
  issuance?: Record<string, IssuanceLevel>;
  portal?: Record<string, Record<string, number>>;
  homeFirstLoadJs?: { scripts: number; gzipKiB: number };
  signIn?: { p50Ms: number; samples: number };
};

const cells = (values: unknown[], widths: number[]) =>
  `  ${values.map((v, i) => String(v).padEnd(widths[i] ?? 0)).join("  ")}`.trimEnd();

/** The table `npm run bench` prints (the parts `--only` skipped show no rows or NaN). */
export function printTable(report: BenchReport): void {
  console.log(`\nAirlock benchmark on ${report.machine.cores} cores, ${report.machine.cpu}\n`);
  console.log(
    "Issuance (POST /api/credentials): overhead = the handler's total - STS (Server-Timing); client = as the caller sees it, queueing included:",
  );
  console.log(
    "  clients  requests  overhead p50  p95      p99      STS p50   client p50  issuances/s  CPU ms/issuance: Airlock  emulator+clients",
  );
  for (const row of Object.values(report.issuance ?? {}))
    console.log(
      cells(
        [
          row.concurrency,
          row.requests,
          row.overheadP50Ms,
          row.overheadP95Ms,
          row.overheadP99Ms,
          row.stsP50Ms,
          row.clientP50Ms,
          row.issuancesPerSecond,
          row.cpuPerIssuance.airlockMs,
          row.cpuPerIssuance.emulatorAndClientsMs,
        ],
        [7, 8, 12, 7, 7, 8, 10, 11, 24],
      ),
    );
  const mint = report.mintAndSign;
  console.log(`Mint and sign one assertion: p50 ${mint?.p50Ms ?? NaN} ms, p95 ${mint?.p95Ms ?? NaN} ms`);
  console.log("\nHome page:");
  console.log("  roles  server render p50  p95      filter/keystroke p50  max      to next frame p50");
  for (const row of Object.values(report.portal ?? {}))
    console.log(
      cells(
        [
          row.roles,
          row.serverRenderP50Ms,
          row.serverRenderP95Ms,
          row.filterPerKeystrokeP50Ms,
          row.filterPerKeystrokeMaxMs,
          row.filterToNextFrameP50Ms,
        ],
        [5, 17, 7, 20, 7],
      ),
    );
  console.log(`First-load JavaScript: ${report.homeFirstLoadJs?.gzipKiB ?? NaN} KiB gzipped`);
  console.log(`Sign-in (IdP redirect back → signed-in home): p50 ${report.signIn?.p50Ms ?? NaN} ms`);
  console.log("\nFull results: bench/results/latest.json");
}
