import { getDb } from "@/lib/db/client";
import { oauthJson, readDeviceForm, toOAuthErrorResponse } from "@/lib/device/oauth-response";
import { startDeviceAuthorization } from "@/lib/device/start-authorization";
import { getEnv } from "@/lib/env";
import { getClientInfo } from "@/lib/http/client-info";

export const dynamic = "force-dynamic";

// POST /api/device/authorize: start a terminal sign-in (RFC 8628 device authorization request)
export async function POST(request: Request) {
  try {
    const form = await readDeviceForm(request);
    const grant = await startDeviceAuthorization({
      db: getDb(),
      form,
      client: getClientInfo(request.headers),
      baseUrl: getEnv().AIRLOCK_URL,
    });
    return oauthJson(grant);
  } catch (error) {
    return toOAuthErrorResponse(error);
  }
}
