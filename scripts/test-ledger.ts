// The closing note of npm test: each run's steps with its Node.js version and duration, then one
// totals line over every run recorded in the ledger (a JSON-lines file named by
// AIRLOCK_TEST_LEDGER, which .ci/run uses to add up its passes on two Node.js versions).
import { appendFileSync, existsSync, readFileSync } from "node:fs";

export type Totals = { passed: number; failed: number; skipped: number };
export type RunRecord = Totals & { node: string; suites: string; seconds: number; steps: string[] };

export function formatCounts({ passed, failed, skipped }: Totals): string {
  return `${passed} passed, ${failed} failed${skipped ? `, ${skipped} skipped` : ""}`;
}

function formatDuration(seconds: number): string {
  const whole = Math.round(seconds);
  return `${Math.floor(whole / 60)}m${String(whole % 60).padStart(2, "0")}s`;
}

function readLedger(file: string): RunRecord[] {
  if (!existsSync(file)) return [];
  return readFileSync(file, "utf8")
    .split("\n")
    .filter(Boolean)
    .map((line) => JSON.parse(line) as RunRecord);
}

/** Prints every recorded run and the totals over all of them; returns whether anything failed. */
export function closeRun(run: RunRecord, ledgerFile: string | undefined): boolean {
  if (ledgerFile) appendFileSync(ledgerFile, `${JSON.stringify(run)}\n`);
  const runs = ledgerFile ? readLedger(ledgerFile) : [run];
  const totals: Totals = { passed: 0, failed: 0, skipped: 0 };
  console.log("");
  for (const r of runs) {
    console.log(`Node.js ${r.node}, ${r.suites}, ${formatDuration(r.seconds)}: ${formatCounts(r)}`);
    for (const step of r.steps) console.log(`  ${step}`);
    totals.passed += r.passed;
    totals.failed += r.failed;
    totals.skipped += r.skipped;
  }
  console.log(formatCounts(totals));
  return totals.failed > 0;
}
