import { Field } from "@/components/admin/field";

type Guardrails = {
  requireReason: boolean;
  defaultSessionDuration: number | null;
  sessionDurationLimit: number | null;
  readOnlyFirst: boolean;
  stepUpMinutes: number | null;
  approvalsRequired: number;
};

const hours = (seconds: number | null | undefined) => (seconds ? seconds / 3600 : undefined);

/**
 * A role's guardrails in its create and edit forms: a reason for every session, a default and a
 * limit, read-only first, step-up.
 */
export function RoleGuardrailFields({ role }: { role?: Guardrails }) {
  return (
    <>
      <Field
        label="Default session (hours, optional)"
        name="defaultSessionDuration"
        type="number"
        step="0.25"
        defaultValue={hours(role?.defaultSessionDuration)}
        hint="What people get when they pick nothing; empty: 1 hour"
      />
      <Field
        label="Session limit (hours, optional)"
        name="sessionDurationLimit"
        type="number"
        step="0.25"
        defaultValue={hours(role?.sessionDurationLimit)}
        hint="Airlock issues no longer, below the max session; empty: the max"
      />
      <Field
        label="Step-up (minutes, optional)"
        name="stepUpMinutes"
        type="number"
        step="1"
        defaultValue={role?.stepUpMinutes ?? undefined}
        hint="A sign-in at the IdP within this many minutes, else it asks again; empty: none"
      />
      <label className="flex items-start gap-2 self-center text-sm">
        <input type="checkbox" name="requireReason" defaultChecked={role?.requireReason ?? false} className="mt-1" />
        <span>
          <span className="font-medium text-slate-700">Require a reason</span>
          <span className="block text-xs text-slate-600">
            Every console or CLI session asks why; the audit log and AWS (session tag AirlockReason) record it.
          </span>
        </span>
      </label>
      <label className="flex items-start gap-2 self-center text-sm">
        <input type="checkbox" name="readOnlyFirst" defaultChecked={role?.readOnlyFirst ?? false} className="mt-1" />
        <span>
          <span className="font-medium text-slate-700">Read-only first</span>
          <span className="block text-xs text-slate-600">
            Sessions are limited to read-only (a session policy) unless the person asks for write, which the audit log
            records.
          </span>
        </span>
      </label>
      <label className="flex items-start gap-2 self-center text-sm">
        <input
          type="checkbox"
          name="twoApprovals"
          defaultChecked={(role?.approvalsRequired ?? 1) > 1}
          className="mt-1"
        />
        <span>
          <span className="font-medium text-slate-700">Two approvals</span>
          <span className="block text-xs text-slate-600">
            Requests through eligible mappings need two different approvers (never the requester).
          </span>
        </span>
      </label>
    </>
  );
}
