import { execFileSync } from "node:child_process";
import { randomBytes } from "node:crypto";
import { chownSync, existsSync, mkdtempSync, readdirSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import pg from "pg";
import { freePort } from "@/scripts/free-port";

/**
 * A throwaway PostgreSQL server from Debian's packages: its own cluster in a temporary
 * directory, listening on a free loopback port only, removed by `stop()`.
 */
export type PostgresServer = {
  /** URL of the server's `postgres` database, for creating test databases. */
  adminUrl: string;
  port: number;
  /** Stops the server but keeps its data (a database outage). */
  pause: () => void;
  /** Starts it again on the same port with the same data (nothing to do when it runs). */
  resume: () => void;
  /** Stops the server and deletes the cluster. */
  stop: () => void;
};

function serverBinDir(): string {
  if (process.env.PG_BINDIR) return process.env.PG_BINDIR;
  const root = "/usr/lib/postgresql";
  const versions = existsSync(root)
    ? readdirSync(root)
        .filter((v) => existsSync(path.join(root, v, "bin", "initdb")))
        .sort((a, b) => Number(b) - Number(a))
    : [];
  if (!versions.length)
    throw new Error(
      "PostgreSQL server programs not found (looked in /usr/lib/postgresql/*/bin): install them with `apt-get install -y postgresql`, or set PG_BINDIR.",
    );
  return path.join(root, versions[0], "bin");
}

/** PostgreSQL refuses to run as root: as root, the cluster belongs to the `postgres` user. */
function runAs(): { uid: number; gid: number } | undefined {
  if (process.getuid?.() !== 0) return undefined;
  const uid = Number(execFileSync("id", ["-u", "postgres"], { encoding: "utf8" }).trim());
  const gid = Number(execFileSync("id", ["-g", "postgres"], { encoding: "utf8" }).trim());
  return { uid, gid };
}

export async function startPostgres(): Promise<PostgresServer> {
  const bin = serverBinDir();
  const owner = runAs();
  const dir = mkdtempSync(path.join(os.tmpdir(), "airlock-pg-"));
  if (owner) chownSync(dir, owner.uid, owner.gid);
  const data = path.join(dir, "data");
  const run = (program: string, args: string[]) =>
    execFileSync(path.join(bin, program), args, {
      stdio: ["ignore", "pipe", "pipe"],
      timeout: 60_000,
      cwd: dir, // the postgres user may not be able to enter the caller's directory
      ...(owner ? { uid: owner.uid, gid: owner.gid } : {}),
    });
  run("initdb", ["-D", data, "-U", "airlock", "-A", "trust", "-E", "UTF8", "--locale=C", "--no-sync"]);
  const port = await freePort();
  // Loopback only; durability traded for speed, as befits a test server.
  const options = `-c listen_addresses=127.0.0.1 -p ${port} -k ${dir} -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=200`;
  const start = () =>
    run("pg_ctl", ["-D", data, "-l", path.join(dir, "server.log"), "-o", options, "-w", "-t", "30", "start"]);
  const halt = (mode: string) => run("pg_ctl", ["-D", data, "-m", mode, "-w", "stop"]);
  start();
  return {
    adminUrl: `postgresql://airlock@127.0.0.1:${port}/postgres`,
    port,
    pause: () => halt("fast"),
    resume: () => {
      try {
        run("pg_ctl", ["-D", data, "status"]);
      } catch {
        start();
      }
    },
    stop: () => {
      try {
        halt("immediate");
      } catch {
        // already stopped
      }
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

async function withAdmin<T>(adminUrl: string, work: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: adminUrl });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

/** Creates an empty database on the server and returns its URL. */
export async function createDatabase(adminUrl: string, prefix = "airlock_test"): Promise<string> {
  const name = `${prefix}_${randomBytes(6).toString("hex")}`;
  await withAdmin(adminUrl, (client) => client.query(`CREATE DATABASE "${name}"`));
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  return url.toString();
}

export async function dropDatabase(adminUrl: string, databaseUrl: string): Promise<void> {
  const name = new URL(databaseUrl).pathname.slice(1);
  await withAdmin(adminUrl, (client) => client.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`));
}
