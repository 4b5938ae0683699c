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

/** The driver adapter a client sends its queries through: one SQLite connection, or the pg pool. */
export type DriverAdapter = Awaited<ReturnType<PrismaBetterSQLite3["connect"] | PrismaPg["connect"]>>;
type Connection = { client?: object; provider: "sqlite" | "postgresql"; adapter?: DriverAdapter };
// Kept on the client under a registered symbol, not in a module-level map: a bundled server may
// load this module more than once, and each copy must find the connection of a client made by
// another copy (the boot code creates the process-wide client). `client` tells the client itself
// from a transaction on it, which reads the same property through to it.
const CONNECTION = Symbol.for("airlock.db.connection");
type WithConnection = { [CONNECTION]?: Connection };

/** Keeps the adapter a factory hands to Prisma, each time Prisma connects, in `connection`. */
function remembered<F extends PrismaBetterSQLite3 | PrismaPg>(factory: F, connection: Connection): F {
  const connect = factory.connect.bind(factory);
  factory.connect = async () => {
    const adapter = await connect();
    connection.adapter = adapter;
    const dispose = adapter.dispose.bind(adapter);
    adapter.dispose = () => {
      if (connection.adapter === adapter) connection.adapter = undefined;
      return dispose();
    };
    return adapter;
  };
  return factory;
}

/**
 * The provider and driver adapter of a client made by createDb (connecting it if it is not yet);
 * undefined for an open transaction. lib/db/direct-sql.ts uses it.
 */
export async function driverAdapterOf(
  db: DbClient,
): Promise<{ provider: Connection["provider"]; adapter: DriverAdapter } | undefined> {
  const connection = (db as WithConnection)[CONNECTION];
  if (!connection) throw new Error("Direct SQL needs a client made by createDb.");
  if (connection.client !== db) return undefined; // an open transaction
  if (!connection.adapter) await (db as Db).$connect();
  return connection.adapter && { provider: connection.provider, adapter: connection.adapter };
}

/** Opens a client for a database URL: `file:` for SQLite, `postgres(ql)://` for PostgreSQL. */
export function createDb(databaseUrl: string, pool: PostgresPoolOptions = { poolSize: 10, timeoutSeconds: 10 }): Db {
  const provider = databaseProvider(databaseUrl);
  const connection: Connection = { provider };
  const db =
    provider === "postgresql"
      ? (new PostgresPrismaClient({
          adapter: remembered(postgresAdapter(databaseUrl, pool), connection),
        }) as unknown as Db)
      : new PrismaClient({
          adapter: remembered(
            new PrismaBetterSQLite3({ url: `file:${sqliteFilePath(databaseUrl)}`, timeout: 15_000 }),
            connection,
          ),
        });
  connection.client = db;
  Object.defineProperty(db, CONNECTION, { value: connection });
  return db;
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
