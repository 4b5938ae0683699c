import path from "node:path";
import { defineConfig } from "vitest/config";

const alias = {
  "@": path.resolve(import.meta.dirname),
  // Server-only modules are plain modules under test.
  "server-only": path.resolve(import.meta.dirname, "tests/support/empty.ts"),
};

export default defineConfig({
  resolve: { alias },
  test: {
    projects: [
      {
        resolve: { alias },
        // Property tests (fast-check) sign and verify a hundred documents: seconds on a busy 2-core machine.
        test: { name: "unit", include: ["tests/unit/**/*.test.ts"], environment: "node", testTimeout: 20_000 },
      },
      {
        resolve: { alias },
        test: {
          name: "integration",
          include: ["tests/integration/**/*.test.ts"],
          // PostgreSQL-only tests run in npm test's PostgreSQL pass (AIRLOCK_TEST_POSTGRES_URL set).
          exclude: process.env.AIRLOCK_TEST_POSTGRES_URL ? [] : ["tests/integration/postgres/**"],
          environment: "node",
          testTimeout: 30_000,
          hookTimeout: 120_000,
          fileParallelism: false,
          globalSetup: ["tests/support/global-build.ts"],
        },
      },
    ],
  },
});
