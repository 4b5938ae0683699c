import { ConfigError } from "@/lib/env";
import { MigrationError } from "@/lib/db/migrate";
import { AppError } from "@/lib/errors";
import { checkNodeSupport } from "@/lib/runtime/check-node-support";
import { explainNativeModuleError } from "@/lib/runtime/explain-native-module-error";

/**
 * Runs a command-line entry point: an unsupported Node.js is named in one line first, and known
 * errors print one clear line and exit 1.
 */
export function runScript(main: () => Promise<void>): void {
  const unsupported = checkNodeSupport(process.version);
  if (unsupported) console.warn(unsupported);
  main().catch((error: unknown) => {
    const rebuild = explainNativeModuleError(error, process.version);
    if (rebuild) {
      console.error(rebuild);
    } else if (error instanceof ConfigError || error instanceof MigrationError || error instanceof AppError) {
      console.error(error.message);
    } else {
      console.error(error);
    }
    process.exit(1);
  });
}
