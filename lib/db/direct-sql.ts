import "server-only";
import type { Prisma } from "@/lib/db/generated/sqlite";
import { driverAdapterOf, type DbClient, type DriverAdapter } from "@/lib/db/client";

/**
 * Raw SQL for the statements every issuance runs (the session lookup, the entitlement check, the
 * rate-limit count, the audit rows). The query is a `Prisma.sql` template, so values are always
 * bound parameters, never text. Inside a transaction it goes through the transaction's client.
 *
 * Why not `$queryRaw`: the client plans every raw query (about 0.25 ms of CPU each, more than the
 * statements themselves; npm run bench), and SQLite's adapter prepares every statement anew. So:
 * - PostgreSQL: the statement goes straight to Prisma's driver adapter (the same pg pool, the same
 *   argument conversion, the same DriverAdapterError on failure), with the `argTypes` the client
 *   would have computed.
 * - SQLite: prepared once per connection and cached, on the better-sqlite3 connection the adapter
 *   itself queries through, with the adapter's own argument conversion (dates as ISO-8601 text
 *   with "+00:00", booleans as 1/0) and its error shape.
 * Both rely on adapter internals of Prisma 6.19 (the adapter's `client` property, the shape of
 * `argTypes`). That choice is guarded: tests/integration/db/prisma-internals.test.ts asserts each
 * shape relied on here and fails, saying what to re-check, the day a Prisma upgrade changes one.
 * If that test cannot be made to pass, replace these bodies with `db.$queryRaw(query)` and
 * `db.$executeRaw(query)`: correct, only slower.
 */

type ArgScalarType = "string" | "int" | "float" | "boolean" | "datetime" | "unknown";

function argType(value: unknown): { scalarType: ArgScalarType; arity: "scalar" } {
  const scalarType: ArgScalarType =
    typeof value === "string"
      ? "string"
      : typeof value === "number"
        ? Number.isInteger(value)
          ? "int"
          : "float"
        : typeof value === "boolean"
          ? "boolean"
          : value instanceof Date
            ? "datetime"
            : "unknown";
  return { scalarType, arity: "scalar" };
}

/** The PostgreSQL query as the client hands it to the adapter. Exported for the internals test. */
export function adapterQuery(provider: "sqlite" | "postgresql", query: Prisma.Sql) {
  return {
    sql: provider === "postgresql" ? query.text : query.sql,
    args: query.values,
    argTypes: query.values.map(argType),
  };
}

/** The parts of a better-sqlite3 statement and connection used here (better-sqlite3's public API). */
type SqliteStatement = {
  reader: boolean;
  raw(toggle: boolean): SqliteStatement;
  columns(): { name: string }[];
  all(...params: unknown[]): unknown[][];
  run(...params: unknown[]): { changes: number | bigint };
};
export type SqliteConnection = { prepare(sql: string): SqliteStatement; open: boolean };

/** The better-sqlite3 connection of Prisma's SQLite adapter, if it still exposes it as `client`. */
export function sqliteConnectionOf(adapter: DriverAdapter): SqliteConnection | undefined {
  const client = (adapter as unknown as { client?: Partial<SqliteConnection> }).client;
  return typeof client?.prepare === "function" ? (client as SqliteConnection) : undefined;
}

const MAX_CACHED_STATEMENTS = 64;
const statements = new WeakMap<SqliteConnection, Map<string, Prepared>>();

function prepared(connection: SqliteConnection, sql: string): Prepared {
  let cache = statements.get(connection);
  if (!cache) statements.set(connection, (cache = new Map()));
  let entry = cache.get(sql);
  if (!entry) {
    const statement = connection.prepare(sql);
    if (statement.reader) statement.raw(true);
    entry = { statement, columns: statement.reader ? statement.columns().map((c) => c.name) : [] };
    if (cache.size >= MAX_CACHED_STATEMENTS) cache.clear(); // a fixed set of statements: never reached in practice
    cache.set(sql, entry);
  }
  return entry;
}

/** An argument as Prisma's SQLite adapter binds it (its default iso8601 timestamp format). */
function sqliteArg(value: unknown): unknown {
  if (value instanceof Date) return value.toISOString().replace("Z", "+00:00");
  if (typeof value === "boolean") return value ? 1 : 0;
  return value ?? null;
}

type Prepared = { statement: SqliteStatement; columns: string[] };

/**
 * Runs a statement on the cached path. On failure, SQLITE_BUSY (the busy timeout already waited)
 * becomes the adapter's own DriverAdapterError shape; any other failure runs the statement once
 * more through the adapter, so the caller sees exactly the error Prisma gives (a failed SQLite
 * statement changes nothing, so running it again is safe).
 */
async function runSqlite<T>(
  connection: SqliteConnection,
  query: Prisma.Sql,
  run: (prepared: Prepared, args: unknown[]) => T,
  fallback: () => Promise<T>,
): Promise<T> {
  try {
    return run(prepared(connection, query.sql), query.values.map(sqliteArg));
  } catch (error) {
    const { code, message } = error as { code?: unknown; message?: unknown };
    if (code === "SQLITE_BUSY")
      throw Object.assign(new Error(String(message)), {
        name: "DriverAdapterError",
        cause: { kind: "SocketTimeout", originalCode: code, originalMessage: message },
      });
    return fallback();
  }
}

export async function queryRows<Row extends Record<string, unknown>>(db: DbClient, query: Prisma.Sql): Promise<Row[]> {
  const direct = await driverAdapterOf(db);
  if (!direct) return db.$queryRaw<Row[]>(query);
  const sqlite = direct.provider === "sqlite" ? sqliteConnectionOf(direct.adapter) : undefined;
  const viaAdapter = async () => {
    const result = await direct.adapter.queryRaw(adapterQuery(direct.provider, query));
    return result.rows.map((row) => toRow<Row>(result.columnNames, row));
  };
  if (!sqlite) return viaAdapter();
  return runSqlite(
    sqlite,
    query,
    ({ statement, columns }, args) =>
      statement.reader ? statement.all(...args).map((row) => toRow<Row>(columns, row)) : (statement.run(...args), []),
    viaAdapter,
  );
}

function toRow<Row>(columns: string[], values: unknown[]): Row {
  const row: Record<string, unknown> = {};
  for (let i = 0; i < columns.length; i++) row[columns[i]] = values[i];
  return row as Row;
}

export async function execute(db: DbClient, query: Prisma.Sql): Promise<number> {
  const direct = await driverAdapterOf(db);
  if (!direct) return db.$executeRaw(query);
  const sqlite = direct.provider === "sqlite" ? sqliteConnectionOf(direct.adapter) : undefined;
  const viaAdapter = () => direct.adapter.executeRaw(adapterQuery(direct.provider, query));
  if (!sqlite) return viaAdapter();
  return runSqlite(sqlite, query, ({ statement }, args) => Number(statement.run(...args).changes), viaAdapter);
}
