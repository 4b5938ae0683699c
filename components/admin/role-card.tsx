import { ActionForm, Field, type ActionState } from "@/components/admin/action-form";
import { RoleGuardrailFields } from "@/components/admin/role-guardrail-fields";
import { formatDuration } from "@/components/portal/format-duration";
import type { getAccountForAdmin } from "@/lib/entitlements/admin-queries";

type Account = NonNullable<Awaited<ReturnType<typeof getAccountForAdmin>>>;
type Action = (state: ActionState, form: FormData) => Promise<ActionState>;

/** One role on an account's admin page: edit it, delete it (asked first), map and unmap groups. */
export function RoleCard({
  account,
  role,
  actions,
}: {
  account: Account;
  role: Account["roles"][number];
  actions: { deleteRole: Action; updateRole: Action; createMapping: Action; deleteMapping: Action };
}) {
  return (
    <li className="rounded-xl border border-slate-200 bg-white p-4" aria-label={`Role ${role.name}`}>
      <div className="flex flex-wrap items-baseline justify-between gap-2">
        <p>
          <span className="font-semibold">{role.name}</span>{" "}
          <span className="font-mono text-xs text-slate-500">{role.path}</span> · up to{" "}
          {formatDuration(role.maxSessionDuration)}
          {role.sessionDurationLimit && <> · Airlock limit {formatDuration(role.sessionDurationLimit)}</>}
          {role.defaultSessionDuration && <> · default {formatDuration(role.defaultSessionDuration)}</>}
          {role.requireReason && <> · reason required</>}
          {role.readOnlyFirst && <> · read-only first</>}
          {role.stepUpMinutes && <> · step-up {role.stepUpMinutes} min</>}
          {role.description && <span className="text-slate-600"> — {role.description}</span>}
        </p>
        <ActionForm
          action={actions.deleteRole}
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
          action={actions.updateRole}
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
          <RoleGuardrailFields role={role} />
        </ActionForm>
      </details>
      <h3 className="mt-3 text-sm font-medium text-slate-700">Groups mapped to {role.name}</h3>
      <ul className="mt-1 flex flex-wrap gap-2">
        {role.mappings.length === 0 && <li className="text-sm text-slate-500">No group reaches this role.</li>}
        {role.mappings.map((m) => (
          <li key={m.id} className="flex flex-wrap items-center gap-2 rounded-2xl bg-slate-100 py-1 pr-1 pl-3 text-sm">
            {m.group}
            {m.maxDurationSeconds ? ` (≤ ${formatDuration(m.maxDurationSeconds)})` : ""}
            {m.kind === "eligible" && (
              <span className="rounded-full bg-violet-100 px-2 text-xs font-medium text-violet-900">
                eligible · approved by {m.approverGroup ?? "admins"}
                {m.maxGrantSeconds ? ` · ≤ ${formatDuration(m.maxGrantSeconds)}` : ""}
              </span>
            )}
            <ActionForm
              action={actions.deleteMapping}
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
        action={actions.createMapping}
        submitLabel={`Map group to ${role.name}`}
        resetOnSuccess
        className="mt-2 grid gap-2 sm:grid-cols-3"
      >
        <input type="hidden" name="roleId" value={role.id} />
        <Field label="Group" name="group" required />
        <Field label="Session cap (hours, optional)" name="maxDurationSeconds" type="number" step="0.25" />
        <label className="block text-sm">
          <span className="font-medium text-slate-700">Access</span>
          <select name="kind" className="mt-1 block w-full rounded-md border border-slate-300 bg-white px-2 py-1.5">
            <option value="standing">Standing: members have the role</option>
            <option value="eligible">Eligible: members request it</option>
          </select>
        </label>
        <Field
          label="Approvers (eligible)"
          name="approverGroup"
          hint="Who approves requests; empty: Airlock's admins"
        />
        <Field
          label="Longest grant (hours, eligible)"
          name="maxGrantSeconds"
          type="number"
          step="0.25"
          hint="Empty: the AIRLOCK_REQUEST_MAX_HOURS default"
        />
      </ActionForm>
    </li>
  );
}
