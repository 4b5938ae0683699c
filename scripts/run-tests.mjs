// npm test: lint, typecheck, unit, integration and e2e in sequence; prints one totals line.
import { spawnSync } from "node:child_process";
import { mkdirSync, readFileSync, existsSync, rmSync } from "node:fs";
import path from "node:path";

const outDir = path.resolve(".test-output");
rmSync(outDir, { recursive: true, force: true });
mkdirSync(outDir, { recursive: true });

function run(command, args, env = {}) {
  console.log(`\n$ ${[command, ...args].join(" ")}`);
  return spawnSync(command, args, { stdio: "inherit", env: { ...process.env, ...env } }).status === 0;
}

function readJson(file) {
  return existsSync(file) ? JSON.parse(readFileSync(file, "utf8")) : undefined;
}

const steps = [
  { name: "lint", check: () => run("npm", ["run", "--silent", "lint"]) },
  { name: "typecheck", check: () => run("npm", ["run", "--silent", "typecheck"]) },
  ...["unit", "integration"].map((project) => ({
    name: project,
    tests: () => {
      const file = path.join(outDir, `${project}.json`);
      const ok = run("npx", [
        "vitest",
        "run",
        "--project",
        project,
        "--reporter=default",
        "--reporter=json",
        `--outputFile.json=${file}`,
      ]);
      const report = readJson(file);
      if (!report) return { ok, passed: 0, failed: 1, skipped: 0 };
      return {
        ok,
        passed: report.numPassedTests,
        failed: report.numFailedTests,
        skipped: report.numPendingTests + report.numTodoTests,
      };
    },
  })),
  {
    name: "e2e",
    tests: () => {
      const file = path.join(outDir, "e2e.json");
      const ok = run("npx", ["playwright", "test"], { PLAYWRIGHT_JSON_OUTPUT_NAME: file });
      const stats = readJson(file)?.stats;
      if (!stats) return { ok, passed: 0, failed: 1, skipped: 0 };
      return { ok, passed: stats.expected + stats.flaky, failed: stats.unexpected, skipped: stats.skipped };
    },
  },
];

const totals = { passed: 0, failed: 0, skipped: 0 };
const summary = [];
for (const step of steps) {
  if (step.check) {
    // A static check counts as one test: it passes or it fails.
    const ok = step.check();
    totals[ok ? "passed" : "failed"] += 1;
    summary.push(`${step.name}: ${ok ? "ok" : "FAILED"}`);
    continue;
  }
  const result = step.tests();
  const failed = result.failed + (result.ok || result.failed ? 0 : 1);
  totals.passed += result.passed;
  totals.failed += failed;
  totals.skipped += result.skipped;
  summary.push(
    `${step.name}: ${result.passed} passed, ${failed} failed${result.skipped ? `, ${result.skipped} skipped` : ""}`,
  );
}

console.log(`\n${summary.join("\n")}`);
console.log(`${totals.passed} passed, ${totals.failed} failed${totals.skipped ? `, ${totals.skipped} skipped` : ""}`);
process.exit(totals.failed ? 1 : 0);
