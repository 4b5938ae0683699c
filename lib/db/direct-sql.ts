import "server-only";
import type { Prisma } from "@/lib/db/generated/sqlite";
import { driverAdapterOf, type DbClient } from "@/lib/db/client";

/**
 * Raw SQL for the statements every issuance runs (the rate-limit count, the entitlement check, the
 * audit row), sent straight to the driver adapter Prisma itself queries through: the same SQLite
 * connection or pg pool, the same argument conversion, the same DriverAdapterError on failure. It
 * skips the client's per-query planning, which costs more than these statements themselves
 * (about 0.25 ms each; see npm run bench). Inside a transaction it falls back to the client.
 *
 * The query is a `Prisma.sql` template, so values are always bound parameters, never text.
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

function adapterQuery(provider: "sqlite" | "postgresql", query: Prisma.Sql) {
  return {
    sql: provider === "postgresql" ? query.text : query.sql,
    args: query.values,
    argTypes: query.values.map(argType),
  };
}

export async function queryRows<Row extends Record<string, unknown>>(db: DbClient, query: Prisma.Sql): Promise<Row[]> {
  const direct = await driverAdapterOf(db);
  if (!direct) return db.$queryRaw<Row[]>(query);
  const result = await direct.adapter.queryRaw(adapterQuery(direct.provider, query));
  return result.rows.map((row) => Object.fromEntries(result.columnNames.map((name, i) => [name, row[i]])) as Row);
}

export async function execute(db: DbClient, query: Prisma.Sql): Promise<number> {
  const direct = await driverAdapterOf(db);
  if (!direct) return db.$executeRaw(query);
  return direct.adapter.executeRaw(adapterQuery(direct.provider, query));
}
