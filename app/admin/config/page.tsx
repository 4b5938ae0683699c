import type { Metadata } from "next";
import { applyConfigAction, planConfigAction } from "@/app/admin/config/actions";
import { ConfigEditor } from "@/components/admin/config-editor";
import { requireAdmin } from "@/lib/auth/session";

export const metadata: Metadata = { title: "Config as code · Admin" };

export default async function ConfigPage() {
  await requireAdmin();
  return (
    <main className="mt-6">
      <h1 className="text-xl font-semibold">Config as code</h1>
      <p className="mt-1 text-sm text-slate-600">
        Export every account, role and mapping as YAML, keep it in git, and import it back: a dry run shows what would
        change; applying is all or nothing. From a shell:{" "}
        <code className="font-mono">npm run entitlements -- plan|apply FILE</code>.
      </p>
      <a
        href="/admin/config/export"
        className="mt-3 inline-block rounded-lg border border-slate-300 bg-white px-3 py-1.5 text-sm font-medium"
      >
        Download entitlements.yaml
      </a>
      <ConfigEditor planAction={planConfigAction} applyAction={applyConfigAction} />
    </main>
  );
}
