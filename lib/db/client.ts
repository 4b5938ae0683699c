import "server-only";
import { PrismaBetterSQLite3 } from "@prisma/adapter-better-sqlite3";
import { PrismaClient, type Prisma } from "@/lib/db/generated/sqlite";
import { getEnv } from "@/lib/env";
import { sqliteFilePath } from "@/lib/db/migrate";

export type Db = PrismaClient;
/** A client or an open transaction: data-access functions that may run inside one take this. */
export type DbClient = PrismaClient | Prisma.TransactionClient;

/** Opens a client for a SQLite database URL (lib/env.ts refuses any other kind). */
export function createDb(databaseUrl: string): Db {
  if (!databaseUrl.startsWith("file:")) {
    throw new Error(
      "DATABASE_URL points at PostgreSQL, which this build of Airlock cannot use yet; use a SQLite file URL (file:PATH).",
    );
  }
  return new PrismaClient({
    adapter: new PrismaBetterSQLite3({ url: `file:${sqliteFilePath(databaseUrl)}`, timeout: 15_000 }),
  });
}

const globalForDb = globalThis as unknown as { airlockDb?: Db };

/** The process-wide client, cached on globalThis so dev-server hot reloads reuse it. */
export function getDb(): Db {
  if (globalForDb.airlockDb) return globalForDb.airlockDb;
  const db = createDb(getEnv().databaseUrl);
  globalForDb.airlockDb = db;
  return db;
}
