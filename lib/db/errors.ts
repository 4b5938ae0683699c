/**
 * The Prisma error code (P2002 unique, P2003 foreign key, P2025 not found) of a failed query.
 * Read from the error's shape, not `instanceof`: a bundled server may hold two copies of the
 * client runtime, and the class of one is not the class of the other.
 */
export function prismaErrorCode(error: unknown): string | undefined {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === "string" && /^P\d{4}$/.test(code) ? code : undefined;
}

type DriverCause = { kind?: unknown; code?: unknown; originalCode?: unknown; extendedCode?: unknown };

// Prisma: can't reach server, server timeout, operation timeout, server closed the connection,
// timed out waiting for a pooled connection.
const unavailableCodes = new Set(["P1001", "P1002", "P1008", "P1017", "P2024"]);
const unavailableKinds = new Set([
  "DatabaseNotReachable",
  "DatabaseDoesNotExist",
  "ConnectionClosed",
  "SocketTimeout",
  "TooManyConnections",
]);

function driverCause(error: unknown): DriverCause | undefined {
  const e = error as { name?: unknown; cause?: unknown; meta?: { driverAdapterError?: { cause?: unknown } } } | null;
  if (!e || typeof e !== "object") return undefined;
  const cause = e.name === "DriverAdapterError" ? e.cause : e.meta?.driverAdapterError?.cause;
  return cause && typeof cause === "object" ? (cause as DriverCause) : undefined;
}

/**
 * Whether a failed query failed because the database is down, unreachable, overloaded or too slow,
 * rather than because of the query: the caller answers "try again shortly", not "bad request".
 */
export function isDatabaseUnavailable(error: unknown): boolean {
  // node-postgres, when the server ends a pooled connection during a query (a restart, a
  // failover): a plain Error the adapter passes on unconverted.
  if (error instanceof Error && /^Connection terminated\b/.test(error.message)) return true;
  const code = prismaErrorCode(error);
  if (code && unavailableCodes.has(code)) return true;
  const cause = driverCause(error);
  if (!cause) return false;
  if (typeof cause.kind === "string" && unavailableKinds.has(cause.kind)) return true;
  const sqlState = String(cause.code ?? cause.originalCode ?? "");
  // PostgreSQL: connection exceptions (08…), shutting down or starting up (57P01-57P03), too many
  // connections (53300), statement timeout (57014).
  if (cause.kind === "postgres") return /^(08|57P0[1-3]$|53300$|57014$)/.test(sqlState);
  // SQLite: busy or locked past the busy timeout, I/O error, cannot open the file.
  if (cause.kind === "sqlite") return [5, 6, 10, 14].includes(Number(cause.extendedCode) & 0xff);
  return false;
}

export const databaseUnavailableMessage =
  "Airlock cannot reach its database right now, so nothing was changed. Try again in a minute; if it keeps failing, tell your Airlock administrators.";
