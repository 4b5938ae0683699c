import { mkdtempSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { defineConfig } from "@playwright/test";
import { chromiumLaunchOptions } from "./tests/support/chromium";
import { e2eWebhook } from "./tests/support/e2e-webhook";

const port = Number(process.env.E2E_PORT ?? 3100);
const baseURL = `http://localhost:${port}`;
// Each run gets a fresh data directory, so tests start from the seeded demo and nothing else.
if (!process.env.E2E_DATA_DIR) {
  process.env.E2E_DATA_DIR = mkdtempSync(path.join(os.tmpdir(), "airlock-e2e-"));
  process.env.E2E_DATA_DIR_CREATED = "1";
}
const dataDir = process.env.E2E_DATA_DIR;

export default defineConfig({
  testDir: "tests/e2e",
  globalTeardown: "./tests/support/e2e-teardown.ts",
  fullyParallel: false,
  workers: 1,
  retries: 0,
  forbidOnly: Boolean(process.env.CI),
  timeout: 30_000,
  // Assertions wait for a state; on a busy 2-core machine a SAML sign-in alone has taken over 5 s.
  expect: { timeout: 15_000 },
  reporter: process.env.PLAYWRIGHT_JSON_OUTPUT_NAME ? [["list"], ["json"]] : [["list"]],
  use: {
    baseURL,
    trace: "retain-on-failure",
    launchOptions: chromiumLaunchOptions,
  },
  projects: [{ name: "chromium", use: { browserName: "chromium" } }],
  webServer: {
    command: "npm run demo",
    url: `${baseURL}/api/health`,
    timeout: 300_000,
    reuseExistingServer: false,
    // The demo stops its services (each in its own process group) on SIGTERM.
    gracefulShutdown: { signal: "SIGTERM", timeout: 10_000 },
    stdout: "pipe",
    stderr: "pipe",
    env: {
      PORT: String(port),
      AWS_EMULATOR_PORT: String(port + 3),
      AIRLOCK_DATA_DIR: dataDir,
      AIRLOCK_LOG_LEVEL: "warn",
      // Access-request notifications go to the receiver requests.spec.ts runs.
      AIRLOCK_WEBHOOK_URL: `http://127.0.0.1:${e2eWebhook.port(port)}/webhook`,
      AIRLOCK_WEBHOOK_SECRET: e2eWebhook.secret,
      // npm test's PostgreSQL pass runs the database-bound specs against a PostgreSQL database.
      ...(process.env.E2E_DATABASE_URL ? { DATABASE_URL: process.env.E2E_DATABASE_URL } : {}),
    },
  },
});
