"use client";

import { ActionForm, Field, type ActionState } from "@/components/admin/action-form";
import { formatDuration } from "@/components/portal/format-duration";

/** The request for a role: a reason, an optional ticket, and how long, within the mapping's limit. */
export function RequestForm({
  action,
  accountId,
  roleName,
  durations,
  defaultDuration,
  ticketHint,
}: {
  action: (state: ActionState, form: FormData) => Promise<ActionState>;
  accountId: string;
  roleName: string;
  durations: number[];
  defaultDuration: number;
  ticketHint: string;
}) {
  return (
    <ActionForm action={action} submitLabel="Send request" className="mt-6 space-y-4">
      <input type="hidden" name="accountId" value={accountId} />
      <input type="hidden" name="roleName" value={roleName} />
      <Field
        label="Reason"
        name="reason"
        required
        placeholder="e.g. Rotate the payment service's database password"
        hint="Approvers read it; it goes into the audit log and, as the AirlockReason session tag, into CloudTrail."
      />
      <Field label="Ticket (optional)" name="ticket" placeholder="e.g. OPS-1234" hint={ticketHint} />
      <label className="block text-sm">
        <span className="font-medium text-slate-700">For how long</span>
        <select
          name="durationSeconds"
          defaultValue={defaultDuration}
          className="mt-1 block rounded-md border border-slate-300 bg-white px-2 py-1.5"
        >
          {durations.map((seconds) => (
            <option key={seconds} value={seconds}>
              {formatDuration(seconds)}
            </option>
          ))}
        </select>
        <span className="mt-1 block text-slate-600">
          Counted from the approval. The access ends by itself; you can end it earlier.
        </span>
      </label>
    </ActionForm>
  );
}
