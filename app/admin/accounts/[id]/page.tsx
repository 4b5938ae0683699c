import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import {
  createMappingAction,
  createRoleAction,
  deleteMappingAction,
  deleteRoleAction,
  updateAccountAction,
  updateRoleAction,
} from "@/app/admin/actions";
import { ActionForm, Field } from "@/components/admin/action-form";
import { PageOutcome } from "@/components/admin/page-outcome";
import { RoleGuardrailFields } from "@/components/admin/role-guardrail-fields";
import { RoleCard } from "@/components/admin/role-card";
import { requireAdmin } from "@/lib/auth/session";
import { getDb } from "@/lib/db/client";
import { getAccountForAdmin } from "@/lib/entitlements/admin-queries";

export const metadata: Metadata = { title: "Account · Admin" };

export default async function AccountPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  await requireAdmin();
  const account = await getAccountForAdmin({ db: getDb(), accountId: id });
  if (!account) notFound();
  return (
    <main className="mt-6 space-y-8">
      <section aria-labelledby="account-title">
        <h1 id="account-title" className="text-xl font-semibold">
          {account.name} <span className="font-mono text-base text-slate-500">{account.id}</span>
        </h1>
        <ActionForm action={updateAccountAction} submitLabel="Save account" className="mt-3 grid gap-2 sm:grid-cols-3">
          <input type="hidden" name="id" value={account.id} />
          <Field label="Name" name="name" defaultValue={account.name} required />
          <Field label="Environment" name="environment" defaultValue={account.environment} required />
          <Field label="Partition" name="partition" defaultValue={account.partition} />
          <Field label="Owner" name="owner" defaultValue={account.owner} />
          <Field label="Description" name="description" defaultValue={account.description} />
        </ActionForm>
        <Link
          href={`/admin/accounts/${account.id}/delete`}
          className="mt-3 inline-block text-sm font-medium text-red-700 underline"
        >
          Delete this account…
        </Link>
        <PageOutcome />
      </section>

      <section aria-labelledby="roles-title">
        <h2 id="roles-title" className="text-lg font-semibold">
          Roles
        </h2>
        <ul className="mt-3 space-y-3">
          {account.roles.map((role) => (
            <RoleCard
              key={role.id}
              account={account}
              role={role}
              actions={{
                deleteRole: deleteRoleAction,
                updateRole: updateRoleAction,
                createMapping: createMappingAction,
                deleteMapping: deleteMappingAction,
              }}
            />
          ))}
        </ul>
      </section>

      <section aria-labelledby="new-role" className="rounded-xl border border-slate-200 bg-white p-4">
        <h2 id="new-role" className="font-semibold">
          Add a role
        </h2>
        <ActionForm
          action={createRoleAction}
          submitLabel="Create role"
          resetOnSuccess
          className="mt-2 grid gap-2 sm:grid-cols-3"
        >
          <input type="hidden" name="accountId" value={account.id} />
          <Field label="Role name" name="name" required hint="IAM role name, 1-64 characters" />
          <Field label="Path" name="path" defaultValue="/" hint="/ or /team/" />
          <Field
            label="Max session (hours)"
            name="maxSessionDuration"
            type="number"
            step="0.25"
            defaultValue={1}
            hint="0.25-12; IAM's MaxSessionDuration of the role"
          />
          <Field label="Description" name="description" />
          <Field label="SAML provider name" name="samlProviderName" hint="empty: the default" />
          <RoleGuardrailFields />
        </ActionForm>
      </section>
    </main>
  );
}
