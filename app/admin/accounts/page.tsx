import type { Metadata } from "next";
import { ScrollArea } from "@/components/admin/scroll-area";
import Link from "next/link";
import { createAccountAction } from "@/app/admin/actions";
import { ActionForm, Field } from "@/components/admin/action-form";
import { EnvironmentBadge } from "@/components/portal/environment-badge";
import { requireAdmin } from "@/lib/auth/session";
import { getDb } from "@/lib/db/client";
import { listAccountsForAdmin } from "@/lib/entitlements/admin-queries";

export const metadata: Metadata = { title: "Accounts · Admin" };

export default async function AccountsPage() {
  await requireAdmin();
  const accounts = await listAccountsForAdmin({ db: getDb() });
  return (
    <main className="mt-6 grid min-w-0 gap-8 lg:grid-cols-[2fr_1fr]">
      <section aria-labelledby="accounts-title" className="min-w-0">
        <h1 id="accounts-title" className="text-xl font-semibold">
          AWS accounts
        </h1>
        <ScrollArea label="Accounts table" className="mt-3">
          <table className="w-full rounded-xl border border-slate-200 bg-white text-sm">
            <thead className="bg-slate-100 text-left">
              <tr>
                <th className="px-3 py-2">Account</th>
                <th className="px-3 py-2">Id</th>
                <th className="px-3 py-2">Environment</th>
                <th className="px-3 py-2">Roles</th>
              </tr>
            </thead>
            <tbody>
              {accounts.map((a) => (
                <tr key={a.id} className="border-t border-slate-200">
                  <td className="px-3 py-2">
                    <Link href={`/admin/accounts/${a.id}`} className="font-medium text-slate-900 underline">
                      {a.name}
                    </Link>
                  </td>
                  <td className="px-3 py-2 font-mono">{a.id}</td>
                  <td className="px-3 py-2">
                    <EnvironmentBadge environment={a.environment} />
                  </td>
                  <td className="px-3 py-2">{a._count.roles}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </ScrollArea>
      </section>
      <section aria-labelledby="new-account" className="rounded-xl border border-slate-200 bg-white p-4">
        <h2 id="new-account" className="font-semibold">
          Add an account
        </h2>
        <ActionForm action={createAccountAction} submitLabel="Create account" resetOnSuccess className="mt-2 space-y-2">
          <Field label="Account id" name="id" placeholder="123456789012" required hint="12 digits" />
          <Field label="Name" name="name" required />
          <Field label="Environment" name="environment" placeholder="prod, staging, dev" required />
          <Field label="Partition" name="partition" defaultValue="aws" hint="aws, aws-us-gov or aws-cn" />
          <Field label="Owner" name="owner" />
          <Field label="Description" name="description" />
        </ActionForm>
      </section>
    </main>
  );
}
