import type { Metadata } from "next";
import { requireAdmin } from "@/lib/auth/session";
import { getDb } from "@/lib/db/client";
import { listAccountsForAdmin } from "@/lib/entitlements/admin-queries";
import { getEnv } from "@/lib/env";

export const metadata: Metadata = { title: "AWS setup · Admin" };

export default async function AwsSetupPage() {
  await requireAdmin();
  const accounts = await listAccountsForAdmin({ db: getDb() });
  const provider = getEnv().AIRLOCK_SAML_PROVIDER_NAME;
  return (
    <main className="mt-6">
      <h1 className="text-xl font-semibold">AWS setup</h1>
      <p className="mt-1 max-w-3xl text-sm text-slate-600">
        In each account, an IAM SAML provider named <code className="font-mono">{provider}</code> holds Airlock&apos;s
        IdP metadata, and each role Airlock maps trusts it for <code className="font-mono">sts:AssumeRoleWithSAML</code>
        , <code className="font-mono">sts:TagSession</code> and <code className="font-mono">sts:SetSourceIdentity</code>
        . Deploy the template for each account, then attach the roles&apos; permission policies.
      </p>
      <a
        href="/api/saml/idp/metadata"
        download="airlock-idp-metadata.xml"
        className="mt-3 inline-block rounded-lg border border-slate-300 bg-white px-3 py-1.5 text-sm font-medium"
      >
        Download Airlock&apos;s IdP metadata
      </a>
      <ul className="mt-4 divide-y divide-slate-200 rounded-xl border border-slate-200 bg-white text-sm">
        {accounts.map((a) => (
          <li key={a.id} className="flex flex-wrap items-center justify-between gap-2 px-4 py-2">
            <span>
              {a.name} <span className="font-mono text-slate-500">{a.id}</span>
            </span>
            <span className="flex gap-2">
              <a href={`/admin/aws-setup/${a.id}?format=cloudformation`} className="underline">
                CloudFormation<span className="sr-only"> for {a.name}</span>
              </a>
              <a href={`/admin/aws-setup/${a.id}?format=terraform`} className="underline">
                Terraform<span className="sr-only"> for {a.name}</span>
              </a>
            </span>
          </li>
        ))}
      </ul>
    </main>
  );
}
