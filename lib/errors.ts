import { databaseUnavailableMessage, isDatabaseUnavailable } from "@/lib/db/errors";
import { log } from "@/lib/log";

/** Every error Airlock means to show a caller. `code` decides the HTTP status. */
export type ErrorCode =
  | "unauthenticated"
  | "forbidden"
  | "not_found"
  | "invalid_input"
  | "reason_required"
  | "step_up_required"
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
  reason_required: 400,
  // The person is known but must authenticate at the IdP again (a role's step-up guardrail).
  step_up_required: 401,
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
    /** What caused it (a driver error, for instance), kept for the log and never shown. */
    options?: { cause?: unknown },
  ) {
    super(message, options);
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

/** Seconds a client is asked to wait before trying again after a 503. */
export const RETRY_AFTER_SECONDS = 30;

/**
 * The one exit for errors in route handlers: `{ error: { code, message } }` with the matching
 * status. Every 503 carries Retry-After, whatever made Airlock unavailable (the database, the audit
 * log that could not be written, a missing build).
 */
export function toErrorResponse(error: unknown, headers?: HeadersInit): Response {
  const known = toAppError(error);
  if (known.status === 503) {
    // The error's own estimate when it has one (a device-flow limit), else the default.
    const own = Number(known.details?.retryAfterSeconds);
    headers = new Headers(headers);
    headers.set("retry-after", String(Number.isFinite(own) && own > 0 ? Math.ceil(own) : RETRY_AFTER_SECONDS));
  }
  return Response.json(
    { error: { code: known.code, message: known.message, ...(known.details ?? {}) } },
    { status: known.status, headers },
  );
}
