import { databaseUnavailableMessage, isDatabaseUnavailable } from "@/lib/db/errors";
import { log } from "@/lib/log";

/** Every error Airlock means to show a caller. `code` decides the HTTP status. */
export type ErrorCode =
  | "unauthenticated"
  | "forbidden"
  | "not_found"
  | "invalid_input"
  | "conflict"
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
 * The one exit for errors in route handlers: `{ error: { code, message } }` with the matching
 * status. Unexpected errors answer 500 without internals; the details go to the server log.
 */
export function toErrorResponse(error: unknown, headers?: HeadersInit): Response {
  if (isDatabaseUnavailable(error)) {
    log.error("database_unavailable", { error });
    const retry = new Headers(headers);
    retry.set("retry-after", "30");
    return toErrorResponse(new AppError("unavailable", databaseUnavailableMessage), retry);
  }
  const known = isAppError(error)
    ? error
    : new AppError(
        "internal",
        "Something went wrong on Airlock's side. Try again; if it keeps failing, tell your Airlock administrators.",
      );
  if (!isAppError(error)) log.error("unhandled_error", { error });
  return Response.json(
    { error: { code: known.code, message: known.message, ...(known.details ?? {}) } },
    { status: known.status, headers },
  );
}
