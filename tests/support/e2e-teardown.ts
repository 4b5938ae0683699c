import { rmSync } from "node:fs";

/** Removes the data directory playwright.config.ts made for this run (not one passed in). */
export default function teardown(): void {
  if (process.env.E2E_DATA_DIR_CREATED && process.env.E2E_DATA_DIR)
    rmSync(process.env.E2E_DATA_DIR, { recursive: true, force: true });
}
