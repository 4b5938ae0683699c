import { checkDatabase } from "@/lib/db/health";
import { markDatabaseUnreachable } from "@/lib/http/database-status";
import { RETRY_AFTER_SECONDS } from "@/lib/errors";

export const dynamic = "force-dynamic";

// GET /api/health: 200 {"status":"ok"} when the database answers, else 503 with a reason
export async function GET() {
  const result = await checkDatabase();
  const headers = { "Cache-Control": "no-store" };
  if (result.ok) return Response.json({ status: "ok" }, { headers });
  // Pages on this instance answer 503 from now on, rather than trust an older good answer.
  markDatabaseUnreachable();
  return Response.json(
    { status: "unavailable", reason: result.reason },
    { status: 503, headers: { ...headers, "Retry-After": String(RETRY_AFTER_SECONDS) } },
  );
}
