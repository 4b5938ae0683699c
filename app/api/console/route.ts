import type { NextRequest } from "next/server";
import { requireApiUser } from "@/lib/auth/session";
import { getDb } from "@/lib/db/client";
import { toErrorResponse } from "@/lib/errors";
import { requestConsoleUrl } from "@/lib/federation/requests";
import { getClientInfo } from "@/lib/http/client-info";

export const dynamic = "force-dynamic";

const noStore = { "Cache-Control": "no-store" };

// GET /api/console?accountId=&roleName=&region=&destination=: 302 to the AWS console sign-in URL
export async function GET(request: NextRequest) {
  try {
    const user = await requireApiUser();
    const input = Object.fromEntries([...request.nextUrl.searchParams].filter(([, v]) => v !== ""));
    const url = await requestConsoleUrl({ db: getDb(), user, input, client: getClientInfo(request.headers) });
    return new Response(null, { status: 302, headers: { ...noStore, Location: url } });
  } catch (error) {
    return toErrorResponse(error, noStore);
  }
}
