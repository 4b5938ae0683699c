import { spawn, type ChildProcess } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { freePort } from "@/scripts/free-port";
import { createTempDatabaseUrl } from "@/tests/support/temp-db";
import os from "node:os";
import path from "node:path";

export type RunningServer = {
  url: string;
  dataDir: string;
  /** The database this server uses: a SQLite file in its data directory, or a PostgreSQL database. */
  databaseUrl: string;
  /** The server's process id (its memory can be read from /proc/<pid>/status). */
  pid: number;
  output: () => string;
  stop: () => Promise<void>;
};

const nextBin = path.resolve("node_modules/next/dist/bin/next");

/** `next start` in its own process group, so stopping it stops everything it started. */
function spawnNext(env: Record<string, string>, port: number): ChildProcess {
  return spawn(process.execPath, [nextBin, "start", "-p", String(port), "-H", "127.0.0.1"], {
    env: { ...process.env, NODE_ENV: "production", ...env },
    stdio: ["ignore", "pipe", "pipe"],
    detached: true,
  });
}

function killGroup(child: ChildProcess, signal: NodeJS.Signals = "SIGTERM"): void {
  try {
    if (child.pid) process.kill(-child.pid, signal);
  } catch {
    // already gone
  }
}

function startProcess(env: Record<string, string>, port: number): { child: ChildProcess; output: () => string } {
  const child = spawnNext(env, port);
  let output = "";
  child.stdout?.on("data", (chunk) => (output += chunk));
  child.stderr?.on("data", (chunk) => (output += chunk));
  return { child, output: () => output };
}

/**
 * Starts the production build on a free loopback port with a fresh data directory and a fresh
 * database of the kind this run tests (or `env.DATABASE_URL`, which is then left in place).
 */
export async function startServer(env: Record<string, string> = {}): Promise<RunningServer> {
  const port = await freePort();
  const dataDir = mkdtempSync(path.join(os.tmpdir(), "airlock-server-"));
  const url = `http://127.0.0.1:${port}`;
  const database = env.DATABASE_URL
    ? { databaseUrl: env.DATABASE_URL, drop: async () => undefined }
    : await createTempDatabaseUrl(dataDir);
  const { child, output } = startProcess(
    { AIRLOCK_DEMO: "true", AIRLOCK_DATA_DIR: dataDir, AIRLOCK_URL: url, DATABASE_URL: database.databaseUrl, ...env },
    port,
  );
  const deadline = Date.now() + 60_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`server exited early:\n${output()}`);
    const ok = await fetch(`${url}/api/health`).then(
      (r) => r.ok,
      () => false,
    );
    if (ok) break;
    await new Promise((r) => setTimeout(r, 200));
  }
  const stop = async () => {
    if (child.exitCode === null) {
      const exited = new Promise((r) => child.once("exit", r));
      killGroup(child);
      await exited;
    }
    await database.drop();
    rmSync(dataDir, { recursive: true, force: true });
  };
  return { url, dataDir, databaseUrl: database.databaseUrl, pid: child.pid!, output, stop };
}

/** Starts the server expecting it to refuse: resolves with its exit code and output. */
export async function startServerExpectingExit(
  env: Record<string, string>,
): Promise<{ code: number | null; stderr: string }> {
  const port = await freePort();
  const child = spawnNext(env, port);
  let stderr = "";
  child.stderr?.on("data", (chunk) => (stderr += chunk));
  const timer = setTimeout(() => killGroup(child, "SIGKILL"), 30_000);
  const code = await new Promise<number | null>((resolve) => child.once("exit", (c) => resolve(c)));
  clearTimeout(timer);
  return { code, stderr };
}
