import "server-only";
import { getDb } from "@/lib/db/client";
import { getEnv } from "@/lib/env";
import { type AppError, isAppError } from "@/lib/errors";
import { addressBucket } from "@/lib/http/address-bucket";
import { getClientInfo } from "@/lib/http/client-info";
import { buildStatusPage } from "@/lib/http/status-page";
import { log } from "@/lib/log";
import { consumeRateLimit } from "@/lib/rate-limit";

/**
 * The sign-in endpoints answer anyone and write rows (pending requests, tickets, replay entries),
 * so each client address gets AIRLOCK_SIGNIN_RATE_LIMIT requests a minute across all of them and
 * every instance; one sign-in uses about three. Past the limit: 429 with Retry-After, as a page
 * for a browser that navigated here, as JSON otherwise.
 */
export async function withSignInRateLimit(request: Request, handler: () => Promise<Response>): Promise<Response> {
  try {
    await consumeRateLimit({
      db: getDb(),
      key: `signin:${addressBucket(getClientInfo(request.headers).ip)}`,
      limit: getEnv().AIRLOCK_SIGNIN_RATE_LIMIT,
      windowSeconds: 60,
    });
  } catch (error) {
    if (isAppError(error) && error.code === "rate_limited") return rateLimited(request, error);
    // The database is down: the handler needs it too, and tells the person so in its own way.
    log.warn("signin_rate_limit_unavailable", { error });
  }
  return handler();
}

function rateLimited(request: Request, error: AppError): Response {
  const headers = { "Retry-After": String(error.details?.retryAfterSeconds ?? 60) };
  const isNavigation =
    request.headers.get("sec-fetch-mode") === "navigate" || request.headers.get("accept")?.includes("text/html");
  if (isNavigation)
    return buildStatusPage({
      status: 429,
      title: "Too many sign-in attempts",
      message: `Airlock received too many sign-in requests from your network. ${error.message}`,
      headers,
    });
  // next-auth's client follows `url`: it shows the sign-in error page instead of failing silently.
  return Response.json(
    {
      error: { code: error.code, message: error.message },
      url: `${getEnv().AIRLOCK_URL}/signin/error?reason=rate_limited`,
    },
    { status: 429, headers },
  );
}
