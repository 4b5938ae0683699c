import { checkDatabase } from "@/lib/db/health";

export const dynamic = "force-dynamic";

// GET /api/health: 200 {"status":"ok"} when the database answers, else 503 with a reason
export async function GET() {
  const result = await checkDatabase();
  const headers = { "Cache-Control": "no-store" };
  if (result.ok) return Response.json({ status: "ok" }, { headers });
  return Response.json({ status: "unavailable", reason: result.reason }, { status: 503, headers });
}
