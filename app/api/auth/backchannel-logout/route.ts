import { handleBackchannelLogout } from "@/lib/auth/backchannel-logout";
import { getDb } from "@/lib/db/client";
import { isAppError } from "@/lib/errors";
import { addressBucket } from "@/lib/http/address-bucket";
import { getClientInfo } from "@/lib/http/client-info";
import { readBodyWithLimit } from "@/lib/http/read-body";
import { consumeRateLimit } from "@/lib/rate-limit";

export const dynamic = "force-dynamic";

const MAX_BODY_BYTES = 16 * 1024;
const REQUESTS_PER_MINUTE = 120;

// The spec's answers (Back-Channel Logout 1.0, 2.8): never cached.
const answer = (status: number, body: object, headers?: HeadersInit) =>
  Response.json(body, { status, headers: { "Cache-Control": "no-store", ...headers } });
const invalid = (description: string, headers?: HeadersInit) =>
  answer(400, { error: "invalid_request", error_description: description }, headers);

// POST /api/auth/backchannel-logout: OpenID Connect Back-Channel Logout (a logout_token from the OP)
export async function POST(request: Request) {
  const client = getClientInfo(request.headers);
  try {
    await consumeRateLimit({
      db: getDb(),
      key: `backchannel:${addressBucket(client.ip)}`,
      limit: REQUESTS_PER_MINUTE,
      windowSeconds: 60,
    });
  } catch (error) {
    if (isAppError(error) && error.code === "rate_limited")
      return answer(
        429,
        { error: "rate_limited", error_description: error.message },
        {
          "Retry-After": String(error.details?.retryAfterSeconds ?? 60),
        },
      );
    throw error;
  }
  const mediaType = request.headers.get("content-type")?.split(";")[0].trim().toLowerCase();
  if (mediaType !== "application/x-www-form-urlencoded")
    return invalid("Send the logout_token form-encoded (application/x-www-form-urlencoded).");
  const body = await readBodyWithLimit(request, MAX_BODY_BYTES);
  if (body === undefined)
    return invalid(`The request is larger than ${MAX_BODY_BYTES / 1024} KiB.`, { Connection: "close" });
  const result = await handleBackchannelLogout({
    db: getDb(),
    logoutToken: new URLSearchParams(body).get("logout_token"),
    client,
  });
  return result.ok ? answer(200, {}) : invalid(result.description);
}
