import { mkdtempSync, readFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterEach, describe, expect, it, vi } from "vitest";
import { closeRun, type RunRecord } from "@/scripts/test-ledger";

const node24: RunRecord = {
  node: "v24.22.3",
  suites: "all suites",
  seconds: 842,
  steps: ["lint: ok", "e2e (SQLite): 40 passed, 0 failed, 2 skipped"],
  passed: 500,
  failed: 0,
  skipped: 2,
};
const node22: RunRecord = {
  node: "v22.23.5",
  suites: "unit + integration",
  seconds: 300.6,
  steps: ["unit: 276 passed, 1 failed"],
  passed: 276,
  failed: 1,
  skipped: 0,
};

function printed(run: () => boolean): { failed: boolean; lines: string[] } {
  const lines: string[] = [];
  vi.spyOn(console, "log").mockImplementation((line: string) => lines.push(...line.split("\n")));
  const failed = run();
  return { failed, lines: lines.filter(Boolean) };
}

describe("closeRun", () => {
  afterEach(() => vi.restoreAllMocks());

  it("without a ledger closes with this run's totals", () => {
    const { failed, lines } = printed(() => closeRun(node24, undefined));
    expect(failed).toBe(false);
    expect(lines[0]).toBe("Node.js v24.22.3, all suites, 14m02s: 500 passed, 0 failed, 2 skipped");
    expect(lines.at(-1)).toBe("500 passed, 0 failed, 2 skipped");
  });

  it("with a ledger records the run and closes with one totals line over every run in it", () => {
    const ledger = path.join(mkdtempSync(path.join(os.tmpdir(), "airlock-ledger-")), "ledger.jsonl");
    printed(() => closeRun(node24, ledger));
    const { failed, lines } = printed(() => closeRun(node22, ledger));
    expect(readFileSync(ledger, "utf8").trim().split("\n")).toHaveLength(2);
    expect(failed).toBe(true); // a failure in either run fails the last one
    expect(lines).toContain("Node.js v22.23.5, unit + integration, 5m01s: 276 passed, 1 failed");
    expect(lines).toContain("  unit: 276 passed, 1 failed");
    expect(lines.at(-1)).toBe("776 passed, 1 failed, 2 skipped");
  });
});
