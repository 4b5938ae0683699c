import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { deleteAccountAction } from "@/app/admin/actions";
import { ActionForm } from "@/components/admin/action-form";
import { requireAdmin } from "@/lib/auth/session";
import { getDb } from "@/lib/db/client";
import { describeAccountDeletion } from "@/lib/entitlements/admin";

export const metadata: Metadata = { title: "Delete account · Admin" };

export default async function DeleteAccountPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  await requireAdmin();
  const account = await describeAccountDeletion({ db: getDb(), accountId: id });
  if (!account) notFound();
  const mappings = account.roles.reduce((n, r) => n + r.groups.length, 0);
  return (
    <main className="mt-6 max-w-2xl">
      <h1 className="text-xl font-semibold">
        Delete {account.name} ({account.id})?
      </h1>
      <p className="mt-3 text-slate-700">
        This removes the account from Airlock with its {account.roles.length} roles and {mappings} group mappings.
        Nobody will be able to reach it through Airlock any more. Nothing changes in AWS.
      </p>
      <ul className="mt-3 list-disc pl-6 text-sm text-slate-700">
        {account.roles.map((r) => (
          <li key={r.name}>
            {r.name}: {r.groups.length ? r.groups.join(", ") : "no groups"}
          </li>
        ))}
      </ul>
      <ActionForm action={deleteAccountAction} submitLabel={`Delete ${account.name}`} danger className="mt-5">
        <input type="hidden" name="accountId" value={account.id} />
      </ActionForm>
      <Link href={`/admin/accounts/${account.id}`} className="mt-3 inline-block text-sm underline">
        Cancel
      </Link>
    </main>
  );
}
