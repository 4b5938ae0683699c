import { readBodyWithLimit } from "@/lib/http/read-body";
import { isAppError, toAppError, type AppError } from "@/lib/errors";

/**
 * The OAuth endpoints of the device flow answer in RFC 6749/8628's shape,
 * `{"error": "...", "error_description": "..."}`, not Airlock's own error body.
 */

export const DEVICE_CLIENT_ID = "airlock-cli";
/** Both forms are a few short fields; anything larger is not a device-flow client. */
export const MAX_FORM_BYTES = 2048;

export type OAuthErrorCode =
  | "invalid_request"
  | "invalid_client"
  | "unsupported_grant_type"
  | "invalid_grant"
  | "authorization_pending"
  | "slow_down"
  | "access_denied"
  | "expired_token"
  | "rate_limited"
  | "server_error"
  | "temporarily_unavailable";

export class OAuthError extends Error {
  constructor(
    readonly error: OAuthErrorCode,
    readonly description: string,
    readonly status = 400,
    readonly headers: Record<string, string> = {},
  ) {
    super(description);
    this.name = "OAuthError";
  }
}

// RFC 6749 §5.1: token responses (and their errors) must not be cached.
const noStore = { "Cache-Control": "no-store", Pragma: "no-cache" };

export function oauthJson(body: unknown, status = 200, headers: Record<string, string> = {}): Response {
  return Response.json(body, { status, headers: { ...noStore, ...headers } });
}

/** Any error as an OAuth error answer: rate limits as 429 with Retry-After, the unexpected as 500. */
export function toOAuthErrorResponse(error: unknown): Response {
  if (error instanceof OAuthError)
    return oauthJson({ error: error.error, error_description: error.description }, error.status, error.headers);
  if (isAppError(error) && error.code === "rate_limited") {
    const retryAfter = String(error.details?.retryAfterSeconds ?? 60);
    return oauthJson({ error: "rate_limited", error_description: error.message }, 429, { "Retry-After": retryAfter });
  }
  const known = toAppError(error);
  if (known.code === "unavailable")
    return oauthJson({ error: "temporarily_unavailable", error_description: known.message }, 503, {
      "Retry-After": "30",
    });
  return oauthJson({ error: "server_error", error_description: known.message }, 500);
}

/**
 * The form body of a device-flow request: form-encoded, at most MAX_FORM_BYTES (read with a
 * byte limit, so a huge or endless body costs nothing), and from the CLI's client id.
 */
export async function readDeviceForm(request: Request): Promise<URLSearchParams> {
  const mediaType = request.headers.get("content-type")?.split(";")[0].trim().toLowerCase();
  if (mediaType !== "application/x-www-form-urlencoded")
    throw new OAuthError("invalid_request", "Send the request as application/x-www-form-urlencoded.");
  const text = await readBodyWithLimit(request, MAX_FORM_BYTES);
  if (text === undefined)
    throw new OAuthError("invalid_request", `The request body is larger than ${MAX_FORM_BYTES} bytes.`, 413, {
      Connection: "close",
    });
  const form = new URLSearchParams(text);
  const clientId = form.get("client_id");
  if (!clientId) throw new OAuthError("invalid_request", "client_id is missing.");
  if (clientId !== DEVICE_CLIENT_ID)
    throw new OAuthError("invalid_client", `Unknown client_id: only ${DEVICE_CLIENT_ID} may use this endpoint.`);
  return form;
}

/** Whether an error is Airlock's rate limit (for callers that add their own audit or answer). */
export function isRateLimited(error: unknown): error is AppError {
  return isAppError(error) && error.code === "rate_limited";
}
