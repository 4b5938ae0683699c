import { databaseUnavailableMessage, isDatabaseUnavailable } from "@/lib/db/errors";
import { log } from "@/lib/log";

/** Every error Airlock means to show a caller. `code` decides the HTTP status. */
export type ErrorCode =
  | "unauthenticated"
  | "forbidden"
  | "not_found"
  | "invalid_input"
  | "conflict"
  | "unsupported_media_type"
  | "rate_limited"
  | "upstream"
  | "unavailable"
  | "internal";

const statusByCode: Record<ErrorCode, number> = {
  unauthenticated: 401,
  forbidden: 403,
  not_found: 404,
  invalid_input: 400,
  conflict: 409,
  unsupported_media_type: 415,
  rate_limited: 429,
  upstream: 502,
  unavailable: 503,
  internal: 500,
};

export class AppError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly details?: Record<string, unknown>,
  ) {
    super(message);
    this.name = "AppError";
  }

  get status(): number {
    return statusByCode[this.code];
  }
}

export function isAppError(error: unknown): error is AppError {
  return error instanceof AppError;
}

/**
 * What to tell a person about any error: an AppError as it is; a database that is down as
 * `unavailable`; anything else as `internal`, without internals (the details go to the log).
 */
export function toAppError(error: unknown): AppError {
  if (isAppError(error)) return error;
  if (isDatabaseUnavailable(error)) {
    log.error("database_unavailable", { error });
    return new AppError("unavailable", databaseUnavailableMessage);
  }
  log.error("unhandled_error", { error });
  return new AppError(
    "internal",
    "Something went wrong on Airlock's side. Try again; if it keeps failing, tell your Airlock administrators.",
  );
}

/**
 * The one exit for errors in route handlers: `{ error: { code, message } }` with the matching
 * status (503 with Retry-After while the database is down).
 */
export function toErrorResponse(error: unknown, headers?: HeadersInit): Response {
  const known = toAppError(error);
  if (known.code === "unavailable") {
    // Every 503 says when to come back: the error's own estimate, else 30 seconds.
    const retryAfter = Number(known.details?.retryAfterSeconds ?? 30);
    headers = new Headers(headers);
    headers.set("retry-after", String(Number.isFinite(retryAfter) && retryAfter > 0 ? Math.ceil(retryAfter) : 30));
  }
  return Response.json(
    { error: { code: known.code, message: known.message, ...(known.details ?? {}) } },
    { status: known.status, headers },
  );
}
