// Starts Airlock's production build (`next start`) on 127.0.0.1 and waits for GET /api/health.
// The one way the demo, the bench and the integration tests start a server.
import { spawn, type ChildProcess } from "node:child_process";
import path from "node:path";

const root = path.resolve(__dirname, "..");
const nextBin = path.join(root, "node_modules/next/dist/bin/next");

export type NextServer = {
  url: string;
  /** The process group's leader (its memory can be read from /proc/<pid>/status). */
  pid: number;
  child: ChildProcess;
  /** What the server printed so far (stdout and stderr), when started with `output: "pipe"`. */
  output: () => string;
  /** What it printed on stderr alone. */
  stderr: () => string;
  /** Stops the whole process group and waits for the server to exit. */
  stop: (signal?: NodeJS.Signals) => Promise<void>;
};

export type NextServerOptions = {
  port: number;
  /** Added to this process's environment; NODE_ENV is production unless given. */
  env?: Record<string, string | undefined>;
  /** Options for node itself, before next's script (e.g. --cpu-prof). */
  nodeArgs?: string[];
  /** "pipe" keeps the output for `output()`; "inherit" shows it; "ignore" drops it. */
  output?: "pipe" | "inherit" | "ignore";
};

/**
 * Spawns `next start` in its own process group, so stopping it stops everything it started.
 * Does not wait: see `startNextServer`.
 */
export function spawnNextServer({ port, env = {}, nodeArgs = [], output = "pipe" }: NextServerOptions): NextServer {
  const child = spawn(process.execPath, [...nodeArgs, nextBin, "start", "-p", String(port), "-H", "127.0.0.1"], {
    cwd: root,
    env: { ...process.env, NODE_ENV: "production", ...env },
    stdio: output === "pipe" ? ["ignore", "pipe", "pipe"] : output,
    detached: true,
  });
  let printed = "";
  let errors = "";
  child.stdout?.on("data", (chunk) => (printed += chunk));
  child.stderr?.on("data", (chunk) => {
    printed += chunk;
    errors += chunk;
  });
  const stop = async (signal: NodeJS.Signals = "SIGTERM") => {
    if (child.exitCode !== null || child.signalCode !== null) return;
    const exited = new Promise((resolve) => child.once("exit", resolve));
    try {
      if (child.pid) process.kill(-child.pid, signal);
    } catch {
      return; // already gone
    }
    await exited;
  };
  return {
    url: `http://127.0.0.1:${port}`,
    pid: child.pid ?? 0,
    child,
    output: () => printed,
    stderr: () => errors,
    stop,
  };
}

/** Polls GET /api/health until it answers 200; fails early if the server exits. */
export async function waitForHealth(server: NextServer, timeoutMs = 60_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let last = "no answer";
  while (Date.now() < deadline) {
    const { child } = server;
    if (child.exitCode !== null || child.signalCode !== null)
      throw new Error(
        `Airlock exited before it was healthy (${child.signalCode ?? `status ${child.exitCode}`}):\n${server.output()}`,
      );
    const status = await fetch(`${server.url}/api/health`).then(
      (r) => (r.ok ? "ok" : `HTTP ${r.status}`),
      (error: unknown) => (error instanceof Error ? error.message : String(error)),
    );
    if (status === "ok") return;
    last = status;
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  throw new Error(
    `${server.url}/api/health did not answer 200 within ${timeoutMs / 1000} s (last: ${last}).\n${server.output()}`,
  );
}

/** Spawns `next start` and resolves once it is healthy; stops it again if it never gets there. */
export async function startNextServer(options: NextServerOptions & { timeoutMs?: number }): Promise<NextServer> {
  const server = spawnNextServer(options);
  try {
    await waitForHealth(server, options.timeoutMs);
  } catch (error) {
    await server.stop("SIGKILL");
    throw error;
  }
  return server;
}
