import type { NextRequest } from "next/server";
import { buildCloudFormationTemplate, buildTerraform } from "@/lib/aws/setup-templates";
import { requireApiAdmin } from "@/lib/auth/session";
import { getDb } from "@/lib/db/client";
import { listRolesForSetup } from "@/lib/entitlements/admin-queries";
import type { Partition } from "@/lib/entitlements/schemas";
import { getEnv } from "@/lib/env";
import { AppError, toErrorResponse } from "@/lib/errors";
import { getIdpMetadataXml } from "@/lib/saml/publish-metadata";

export const dynamic = "force-dynamic";

// GET /admin/aws-setup/:accountId?format=cloudformation|terraform: the account's SAML provider and role trust (admins only)
export async function GET(request: NextRequest, { params }: { params: Promise<{ accountId: string }> }) {
  try {
    await requireApiAdmin();
    const db = getDb();
    const { accountId } = await params;
    const account = await db.account.findUnique({
      where: { id: accountId },
      select: { id: true, name: true, partition: true },
    });
    if (!account) throw new AppError("not_found", `There is no account ${accountId}.`);
    const input = {
      account: { ...account, partition: account.partition as Partition },
      roles: await listRolesForSetup({ db, accountId }),
      providerName: getEnv().AIRLOCK_SAML_PROVIDER_NAME,
      metadataXml: getIdpMetadataXml(),
    };
    if (request.nextUrl.searchParams.get("format") === "terraform") {
      return new Response(buildTerraform(input), {
        headers: {
          "Content-Type": "text/plain; charset=utf-8",
          "Content-Disposition": `attachment; filename="airlock-${account.id}.tf"`,
        },
      });
    }
    return new Response(buildCloudFormationTemplate(input), {
      headers: {
        "Content-Type": "application/yaml; charset=utf-8",
        "Content-Disposition": `attachment; filename="airlock-${account.id}.yaml"`,
      },
    });
  } catch (error) {
    return toErrorResponse(error);
  }
}
