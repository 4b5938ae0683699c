import { requireApiAdmin } from "@/lib/auth/session";
import { getDb } from "@/lib/db/client";
import { loadCurrentConfig } from "@/lib/entitlements/config-apply";
import { buildEntitlementsYaml } from "@/lib/entitlements/config-yaml";
import { toErrorResponse } from "@/lib/errors";

export const dynamic = "force-dynamic";

// GET /admin/config/export: every account, role and mapping as YAML (admins only)
export async function GET() {
  try {
    await requireApiAdmin();
    const yaml = buildEntitlementsYaml(await loadCurrentConfig(getDb()));
    return new Response(yaml, {
      headers: {
        "Content-Type": "application/yaml; charset=utf-8",
        "Content-Disposition": 'attachment; filename="entitlements.yaml"',
        "Cache-Control": "no-store",
      },
    });
  } catch (error) {
    return toErrorResponse(error);
  }
}
