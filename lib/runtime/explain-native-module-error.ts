/**
 * A native module (better-sqlite3) compiled for another Node.js, as happens after switching
 * Node.js versions without rebuilding it, as one line that says what to run. Undefined for any
 * other error, which keeps its own message.
 */
export function explainNativeModuleError(error: unknown, nodeVersion: string): string | undefined {
  if (!(error instanceof Error) || (error as { code?: unknown }).code !== "ERR_DLOPEN_FAILED") return undefined;
  const match =
    /node_modules\/((?:@[^/\s]+\/)?[^/\s]+)\/[\s\S]*NODE_MODULE_VERSION (\d+)[\s\S]*NODE_MODULE_VERSION (\d+)/.exec(
      error.message,
    );
  if (!match) return undefined;
  const [, name, builtFor, needed] = match;
  return (
    `${name} was compiled for another Node.js (module version ${builtFor}; Node.js ${nodeVersion} needs ${needed}): ` +
    `run \`npm rebuild ${name}\` with this Node.js, then start again.`
  );
}
