import { getDb } from "@/lib/db/client";
import { oauthJson, readDeviceForm, toOAuthErrorResponse } from "@/lib/device/oauth-response";
import { pollDeviceToken } from "@/lib/device/poll-token";
import { getClientInfo } from "@/lib/http/client-info";

export const dynamic = "force-dynamic";

// POST /api/device/token: a terminal polls with its device code; once approved, its bearer token (once)
export async function POST(request: Request) {
  try {
    const form = await readDeviceForm(request);
    return oauthJson(await pollDeviceToken({ db: getDb(), form, client: getClientInfo(request.headers) }));
  } catch (error) {
    return toOAuthErrorResponse(error);
  }
}
