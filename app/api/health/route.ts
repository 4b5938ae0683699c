import { checkDatabase } from "@/lib/db/health";
import { RETRY_AFTER_SECONDS } from "@/lib/errors";

export const dynamic = "force-dynamic";

// GET /api/health: 200 {"status":"ok"} when the database answers, else 503 with a reason
export async function GET() {
  const result = await checkDatabase();
  const headers = { "Cache-Control": "no-store" };
  if (result.ok) return Response.json({ status: "ok" }, { headers });
  return Response.json(
    { status: "unavailable", reason: result.reason },
    { status: 503, headers: { ...headers, "Retry-After": String(RETRY_AFTER_SECONDS) } },
  );
}
