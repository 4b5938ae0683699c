import os from "node:os";

declare const AIRLOCK_CLI_VERSION: string | undefined;

/** Set by the bundler; "dev" when run from source. */
export const cliVersion = typeof AIRLOCK_CLI_VERSION === "string" ? AIRLOCK_CLI_VERSION : "dev";

/** `airlock-cli/<version> (<platform> <release>; node <version>)`, as the device flow expects. */
export function buildUserAgent(): string {
  return `airlock-cli/${cliVersion} (${os.platform()} ${os.release()}; node ${process.versions.node})`;
}
