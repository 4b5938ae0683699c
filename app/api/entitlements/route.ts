import { requireApiUser } from "@/lib/auth/session";
import { getDb } from "@/lib/db/client";
import { describeEntitlements } from "@/lib/entitlements/describe-entitlements";
import { toErrorResponse } from "@/lib/errors";

export const dynamic = "force-dynamic";

const noStore = { "Cache-Control": "no-store" };

// GET /api/entitlements: the caller's accounts and roles (browser cookie or terminal bearer token)
export async function GET() {
  try {
    const user = await requireApiUser({ terminal: true });
    return Response.json(await describeEntitlements({ db: getDb(), user }), { headers: noStore });
  } catch (error) {
    return toErrorResponse(error, noStore);
  }
}
