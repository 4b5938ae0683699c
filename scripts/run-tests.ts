// npm test: lint, typecheck and unit tests, then the integration and end-to-end suites on SQLite
// and again on a throwaway PostgreSQL server; prints one totals line.
// AIRLOCK_TEST_SUITES (comma-separated: lint, typecheck, unit, integration, e2e; all by default)
// runs some of them; AIRLOCK_TEST_DATABASES (sqlite, postgresql; both by default) picks the
// database passes of the integration and e2e suites; AIRLOCK_TEST_LEDGER adds this run to earlier
// ones (see test-ledger.ts).
import { spawnSync } from "node:child_process";
import { mkdirSync, readFileSync, existsSync, rmSync } from "node:fs";
import path from "node:path";
import { closeRun, formatCounts, type Totals } from "@/scripts/test-ledger";
import { createDatabase, startPostgres, type PostgresServer } from "@/tests/support/postgres";

type Result = Totals & { ok: boolean };
type Step = { name: string; check?: () => boolean; tests?: () => Result };

const allSuites = ["lint", "typecheck", "unit", "integration", "e2e"] as const;
type Suite = (typeof allSuites)[number];
const allDatabases = ["sqlite", "postgresql"] as const;

// The PostgreSQL e2e pass runs the specs whose outcome rests on the database: sign-in and the
// session registry, issuance and its audit, admin writes and revocation, device codes. The
// others (layout, accessibility, forms, deep links) render the same pages from the same queries,
// and run once, on SQLite; every query also runs on PostgreSQL in the integration suite. So does
// simplesamlphp.spec.ts, which starts its own Airlock (SQLite) in front of a real SimpleSAMLphp IdP.
const postgresE2eSpecs = ["sign-in", "portal", "admin", "revoke-access", "device", "terminal", "requests"].map(
  (name) => `tests/e2e/${name}.spec.ts`,
);

/** The comma-separated values of an environment variable, each checked against `allowed`. */
function selected<T extends string>(variable: string, allowed: readonly T[], what: string): T[] {
  const listed = process.env[variable]
    ?.split(",")
    .map((s) => s.trim())
    .filter(Boolean);
  if (!listed?.length) return [...allowed];
  const unknown = listed.filter((s) => !(allowed as readonly string[]).includes(s));
  if (unknown.length) {
    console.error(`${variable}: unknown ${what} ${unknown.join(", ")}; use some of ${allowed.join(", ")}.`);
    process.exit(1);
  }
  return allowed.filter((s) => listed.includes(s));
}

const outDir = path.resolve(".test-output");
rmSync(outDir, { recursive: true, force: true });
mkdirSync(outDir, { recursive: true });

function run(command: string, args: string[], env: Record<string, string> = {}): boolean {
  console.log(`\n$ ${[command, ...args].join(" ")}`);
  return spawnSync(command, args, { stdio: "inherit", env: { ...process.env, ...env } }).status === 0;
}

function readJson(file: string) {
  return existsSync(file) ? JSON.parse(readFileSync(file, "utf8")) : undefined;
}

function vitest(project: string, label: string, env: Record<string, string> = {}): Step {
  return {
    name: label,
    tests: () => {
      const file = path.join(outDir, `${label.replace(/\W+/g, "-")}.json`);
      const ok = run(
        "npx",
        ["vitest", "run", "--project", project, "--reporter=default", "--reporter=json", `--outputFile.json=${file}`],
        env,
      );
      const report = readJson(file);
      if (!report) return { ok, passed: 0, failed: 1, skipped: 0 };
      return {
        ok,
        passed: report.numPassedTests,
        failed: report.numFailedTests,
        skipped: report.numPendingTests + report.numTodoTests,
      };
    },
  };
}

function playwright(label: string, env: Record<string, string> = {}, specs: string[] = []): Step {
  return {
    name: label,
    tests: () => {
      const file = path.join(outDir, `${label.replace(/\W+/g, "-")}.json`);
      const ok = run("npx", ["playwright", "test", ...specs], { ...env, PLAYWRIGHT_JSON_OUTPUT_NAME: file });
      const stats = readJson(file)?.stats;
      if (!stats) return { ok, passed: 0, failed: 1, skipped: 0 };
      return { ok, passed: stats.expected + stats.flaky, failed: stats.unexpected, skipped: stats.skipped };
    },
  };
}

const totals: Totals = { passed: 0, failed: 0, skipped: 0 };
const summary: string[] = [];

function record(step: Step): void {
  if (step.check) {
    // A static check counts as one test: it passes or it fails.
    const ok = step.check();
    totals[ok ? "passed" : "failed"] += 1;
    summary.push(`${step.name}: ${ok ? "ok" : "FAILED"}`);
    return;
  }
  const result = step.tests!();
  const failed = result.failed + (result.ok || result.failed ? 0 : 1);
  totals.passed += result.passed;
  totals.failed += failed;
  totals.skipped += result.skipped;
  summary.push(`${step.name}: ${formatCounts({ ...result, failed })}`);
}

async function main(): Promise<void> {
  const startedAt = Date.now();
  const suites = selected("AIRLOCK_TEST_SUITES", allSuites, "suite");
  const databases = selected("AIRLOCK_TEST_DATABASES", allDatabases, "database");
  const onDatabase = (suite: Suite) => suite === "integration" || suite === "e2e";
  const steps: Record<Suite, Step> = {
    lint: { name: "lint", check: () => run("npm", ["run", "--silent", "lint"]) },
    typecheck: { name: "typecheck", check: () => run("npm", ["run", "--silent", "typecheck"]) },
    unit: vitest("unit", "unit"),
    integration: vitest("integration", "integration (SQLite)"),
    e2e: playwright("e2e (SQLite)"),
  };
  for (const suite of suites) {
    if (!onDatabase(suite) || databases.includes("sqlite")) record(steps[suite]);
  }

  const onPostgres = suites.filter(onDatabase);
  if (onPostgres.length && databases.includes("postgresql")) await recordPostgresPass(onPostgres);

  const failed = closeRun(
    {
      ...totals,
      node: process.version,
      suites: describeRun(suites, databases),
      seconds: (Date.now() - startedAt) / 1000,
      steps: summary,
    },
    process.env.AIRLOCK_TEST_LEDGER,
  );
  process.exit(failed ? 1 : 0);
}

function describeRun(suites: Suite[], databases: string[]): string {
  const which = suites.length === allSuites.length ? "all suites" : suites.join(" + ");
  return databases.length === allDatabases.length ? which : `${which} on ${databases.join(" + ")}`;
}

async function recordPostgresPass(suites: Suite[]): Promise<void> {
  let postgres: PostgresServer | undefined;
  try {
    console.log("\nStarting a throwaway PostgreSQL server for the PostgreSQL pass");
    postgres = await startPostgres();
    const env = { AIRLOCK_TEST_POSTGRES_URL: postgres.adminUrl };
    if (suites.includes("integration")) record(vitest("integration", "integration (PostgreSQL)", env));
    if (suites.includes("e2e")) {
      const e2eDatabase = await createDatabase(postgres.adminUrl, "airlock_e2e");
      record(playwright("e2e (PostgreSQL)", { ...env, E2E_DATABASE_URL: e2eDatabase }, postgresE2eSpecs));
    }
  } catch (error) {
    console.error(`The PostgreSQL pass could not run: ${(error as Error).message}`);
    record({ name: "PostgreSQL pass", check: () => false });
  } finally {
    postgres?.stop();
  }
}

void main();
