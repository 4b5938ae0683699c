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
import { formatDuration } from "@/components/portal/format-duration";
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
            <li
              key={role.id}
              className="rounded-xl border border-slate-200 bg-white p-4"
              aria-label={`Role ${role.name}`}
            >
              <div className="flex flex-wrap items-baseline justify-between gap-2">
                <p>
                  <span className="font-semibold">{role.name}</span>{" "}
                  <span className="font-mono text-xs text-slate-500">{role.path}</span> · up to{" "}
                  {formatDuration(role.maxSessionDuration)}
                  {role.description && <span className="text-slate-600"> — {role.description}</span>}
                </p>
                <ActionForm
                  action={deleteRoleAction}
                  submitLabel={`Delete role ${role.name}`}
                  danger
                  outcomeToPage
                  confirm={{
                    title: `Delete role ${role.name}?`,
                    description: `${role.mappings.length ? `Its ${role.mappings.length} group mapping${role.mappings.length === 1 ? "" : "s"} (${role.mappings.map((m) => m.group).join(", ")}) go with it, and nobody` : "Nobody"} will reach ${role.name} in ${account.name} through Airlock any more. Nothing changes in AWS.`,
                    confirmLabel: `Delete ${role.name}`,
                  }}
                >
                  <input type="hidden" name="roleId" value={role.id} />
                </ActionForm>
              </div>
              <details className="mt-2 text-sm">
                <summary className="cursor-pointer text-slate-700">Edit {role.name}</summary>
                <ActionForm
                  action={updateRoleAction}
                  submitLabel={`Save ${role.name}`}
                  className="mt-2 grid gap-2 sm:grid-cols-4"
                >
                  <input type="hidden" name="roleId" value={role.id} />
                  <input type="hidden" name="accountId" value={account.id} />
                  <input type="hidden" name="name" value={role.name} />
                  <Field label="Path" name="path" defaultValue={role.path} />
                  <Field
                    label="Max session (hours)"
                    name="maxSessionDuration"
                    type="number"
                    step="0.25"
                    defaultValue={role.maxSessionDuration / 3600}
                    hint="0.25-12"
                  />
                  <Field label="Description" name="description" defaultValue={role.description} />
                  <Field label="SAML provider name" name="samlProviderName" defaultValue={role.samlProviderName} />
                </ActionForm>
              </details>
              <h3 className="mt-3 text-sm font-medium text-slate-700">Groups mapped to {role.name}</h3>
              <ul className="mt-1 flex flex-wrap gap-2">
                {role.mappings.length === 0 && <li className="text-sm text-slate-500">No group reaches this role.</li>}
                {role.mappings.map((m) => (
                  <li key={m.id} className="flex items-center gap-2 rounded-full bg-slate-100 py-1 pr-1 pl-3 text-sm">
                    {m.group}
                    {m.maxDurationSeconds ? ` (≤ ${formatDuration(m.maxDurationSeconds)})` : ""}
                    <ActionForm
                      action={deleteMappingAction}
                      submitLabel={`Unmap ${m.group} from ${role.name}`}
                      danger
                      outcomeToPage
                      confirm={{
                        title: `Unmap ${m.group} from ${role.name}?`,
                        description: `Members of ${m.group} lose ${role.name} in ${account.name} (${account.environment}) at their next page load, unless another group grants it. Console sessions already open stay live until they expire.`,
                        confirmLabel: `Unmap ${m.group}`,
                      }}
                    >
                      <input type="hidden" name="mappingId" value={m.id} />
                    </ActionForm>
                  </li>
                ))}
              </ul>
              <ActionForm
                action={createMappingAction}
                submitLabel={`Map group to ${role.name}`}
                resetOnSuccess
                className="mt-2 grid gap-2 sm:grid-cols-3"
              >
                <input type="hidden" name="roleId" value={role.id} />
                <Field label="Group" name="group" required />
                <Field label="Session cap (hours, optional)" name="maxDurationSeconds" type="number" step="0.25" />
              </ActionForm>
            </li>
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
        </ActionForm>
      </section>
    </main>
  );
}
