import type { NextRequest } from "next/server";
import { exportAuditEvents, parseAuditFilter, toAuditCsv } from "@/lib/audit/query";
import { requireApiAdmin } from "@/lib/auth/session";
import { getDb } from "@/lib/db/client";
import { toErrorResponse } from "@/lib/errors";

export const dynamic = "force-dynamic";

// GET /admin/audit/export?format=csv|json&<filters>: the filtered audit log as a download (admins only)
export async function GET(request: NextRequest) {
  try {
    await requireApiAdmin();
    const params = Object.fromEntries(request.nextUrl.searchParams);
    const events = await exportAuditEvents({ db: getDb(), filter: parseAuditFilter(params) });
    const headers = { "Cache-Control": "no-store" };
    if (params.format === "json")
      return Response.json(events, {
        headers: { ...headers, "Content-Disposition": 'attachment; filename="airlock-audit.json"' },
      });
    return new Response(toAuditCsv(events), {
      headers: {
        ...headers,
        "Content-Type": "text/csv; charset=utf-8",
        "Content-Disposition": 'attachment; filename="airlock-audit.csv"',
      },
    });
  } catch (error) {
    return toErrorResponse(error);
  }
}
