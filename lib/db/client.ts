import "server-only";
import { PrismaBetterSQLite3 } from "@prisma/adapter-better-sqlite3";
import { PrismaPg } from "@prisma/adapter-pg";
import { PrismaClient, type Prisma } from "@/lib/db/generated/sqlite";
import { PrismaClient as PostgresPrismaClient } from "@/lib/db/generated/postgresql";
import { getEnv } from "@/lib/env";
import { log } from "@/lib/log";
import { databaseProvider, sqliteFilePath } from "@/lib/db/provider";

/**
 * The client type Airlock's code is written against. Both generated clients come from the same
 * model (prisma/postgresql/schema.prisma is derived from prisma/schema.prisma), so they expose the
 * same API for the portable queries Airlock makes; the PostgreSQL one is typed as this one.
 */
export type Db = PrismaClient;
/** A client or an open transaction: data-access functions that may run inside one take this. */
export type DbClient = PrismaClient | Prisma.TransactionClient;

export type PostgresPoolOptions = { poolSize: number; timeoutSeconds: number };

/**
 * A pool that gives up quickly when PostgreSQL is down or slow (the request then fails with a
 * clear error instead of hanging), logs connections it loses instead of crashing, and makes new
 * connections once the server is back: no restart needed.
 */
function postgresAdapter(databaseUrl: string, { poolSize, timeoutSeconds }: PostgresPoolOptions): PrismaPg {
  const timeoutMs = timeoutSeconds * 1000;
  return new PrismaPg(
    {
      connectionString: databaseUrl,
      max: poolSize,
      connectionTimeoutMillis: timeoutMs,
      idleTimeoutMillis: 30_000,
      statement_timeout: timeoutMs,
      query_timeout: timeoutMs + 1_000,
      application_name: "airlock",
    },
    {
      onPoolError: (error) => log.warn("database_connection_lost", { error: error.message }),
      onConnectionError: (error) => log.warn("database_connection_lost", { error: error.message }),
    },
  );
}

/** Opens a client for a database URL: `file:` for SQLite, `postgres(ql)://` for PostgreSQL. */
export function createDb(databaseUrl: string, pool: PostgresPoolOptions = { poolSize: 10, timeoutSeconds: 10 }): Db {
  if (databaseProvider(databaseUrl) === "postgresql") {
    return new PostgresPrismaClient({ adapter: postgresAdapter(databaseUrl, pool) }) as unknown as Db;
  }
  return new PrismaClient({
    adapter: new PrismaBetterSQLite3({ url: `file:${sqliteFilePath(databaseUrl)}`, timeout: 15_000 }),
  });
}

const globalForDb = globalThis as unknown as { airlockDb?: Db };

/** The process-wide client, cached on globalThis so dev-server hot reloads reuse it. */
export function getDb(): Db {
  if (globalForDb.airlockDb) return globalForDb.airlockDb;
  const env = getEnv();
  const db = createDb(env.databaseUrl, {
    poolSize: env.AIRLOCK_DATABASE_POOL_SIZE,
    timeoutSeconds: env.AIRLOCK_DATABASE_TIMEOUT,
  });
  globalForDb.airlockDb = db;
  return db;
}
