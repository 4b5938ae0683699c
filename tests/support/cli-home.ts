import { execFile } from "node:child_process";
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { promisify } from "node:util";

// Asynchronous: the AWS emulator answers STS from the test's own process while the CLI runs.
const run = promisify(execFile);

export type CliRun = { code: number; stdout: string; stderr: string };

/**
 * A throwaway HOME in which the built `airlock` CLI (cli/dist/airlock.js) is signed in to `url`
 * with a terminal `token`, as `airlock login` leaves it; `airlock(...args)` runs the CLI there,
 * never opening a browser, and resolves with its exit code and output. `remove()` deletes it.
 */
export function createCliHome({ url, token, email }: { url: string; token: string; email: string }) {
  const home = mkdtempSync(path.join(os.tmpdir(), "airlock-cli-home-"));
  mkdirSync(path.join(home, ".airlock"), { mode: 0o700 });
  const stored = { url, token, user: { email, name: null }, expiresAt: "2099-01-01T00:00:00Z" };
  writeFileSync(path.join(home, ".airlock", "session.json"), JSON.stringify(stored), { mode: 0o600 });
  const airlock = (...args: string[]): Promise<CliRun> =>
    run(process.execPath, ["cli/dist/airlock.js", ...args], {
      env: { ...process.env, HOME: home, AIRLOCK_URL: "", AIRLOCK_NO_BROWSER: "1" },
    }).then(
      ({ stdout, stderr }) => ({ code: 0, stdout, stderr }),
      (error: CliRun) => error,
    );
  return { home, airlock, remove: () => rmSync(home, { recursive: true, force: true }) };
}
