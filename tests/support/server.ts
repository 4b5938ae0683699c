import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { freePort } from "@/scripts/free-port";
import { spawnNextServer, startNextServer } from "@/scripts/start-server";
import { createTempDatabaseUrl } from "@/tests/support/temp-db";

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
  const cleanUp = async () => {
    await database.drop();
    rmSync(dataDir, { recursive: true, force: true });
  };
  const server = await startNextServer({
    port,
    env: {
      AIRLOCK_DEMO: "true",
      AIRLOCK_DATA_DIR: dataDir,
      AIRLOCK_URL: url,
      DATABASE_URL: database.databaseUrl,
      ...env,
    },
  }).catch(async (error: unknown) => {
    await cleanUp();
    throw error;
  });
  const stop = async () => {
    await server.stop();
    await cleanUp();
  };
  return { url, dataDir, databaseUrl: database.databaseUrl, pid: server.pid, output: server.output, stop };
}

/** Starts the server expecting it to refuse: resolves with its exit code and output. */
export async function startServerExpectingExit(
  env: Record<string, string>,
): Promise<{ code: number | null; stderr: string }> {
  const server = spawnNextServer({ port: await freePort(), env });
  const timer = setTimeout(() => void server.stop("SIGKILL"), 30_000);
  const code = await new Promise<number | null>((resolve) => server.child.once("exit", (c) => resolve(c)));
  clearTimeout(timer);
  return { code, stderr: server.stderr() };
}
