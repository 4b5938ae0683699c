import { ConfigError } from "@/lib/env";
import { MigrationError } from "@/lib/db/migrate";
import { AppError } from "@/lib/errors";

/** Runs a command-line entry point: known errors print one clear line and exit 1. */
export function runScript(main: () => Promise<void>): void {
  main().catch((error: unknown) => {
    if (error instanceof ConfigError || error instanceof MigrationError || error instanceof AppError) {
      console.error(error.message);
    } else {
      console.error(error);
    }
    process.exit(1);
  });
}
