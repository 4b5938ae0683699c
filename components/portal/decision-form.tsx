"use client";

import { startTransition, useActionState, useId } from "react";
import type { ActionState } from "@/components/admin/action-form";
import { announceOutcome } from "@/components/admin/action-outcome";

/** An approver's answer to one request: an optional comment, then Approve or Deny. */
export function DecisionForm({
  action,
  requestId,
  label,
}: {
  action: (state: ActionState, form: FormData) => Promise<ActionState>;
  requestId: string;
  /** Names the request for assistive technology ("alice@example.com's request for production / Admin"). */
  label: string;
}) {
  const id = useId();
  // A decision takes the request off the list (and this form with it): the page announces the outcome.
  const [state, formAction, pending] = useActionState(async (previous: ActionState, data: FormData) => {
    const next = await action(previous, data);
    announceOutcome({ source: id, message: next.ok ?? "", toPage: Boolean(next.ok) });
    return next;
  }, {});
  return (
    <form
      aria-label={`Decide on ${label}`}
      className="mt-3"
      onSubmit={(event) => {
        event.preventDefault();
        const submitter = (event.nativeEvent as SubmitEvent).submitter;
        const data = new FormData(event.currentTarget, submitter);
        startTransition(() => formAction(data));
      }}
    >
      <input type="hidden" name="requestId" value={requestId} />
      <label htmlFor={`${id}-comment`} className="block text-sm font-medium text-slate-700">
        Comment <span className="font-normal text-slate-600">(optional, the requester sees it)</span>
      </label>
      <input
        id={`${id}-comment`}
        name="comment"
        maxLength={500}
        className="mt-1 block w-full rounded-md border border-slate-300 bg-white px-2 py-1.5 text-sm"
      />
      <div className="mt-3 flex flex-wrap items-center gap-3">
        <button
          type="submit"
          name="decision"
          value="approve"
          disabled={pending}
          className="rounded-lg bg-emerald-700 px-3 py-1.5 text-sm font-medium text-white hover:bg-emerald-600 disabled:opacity-60"
        >
          Approve
        </button>
        <button
          type="submit"
          name="decision"
          value="deny"
          disabled={pending}
          className="rounded-lg border border-red-300 bg-white px-3 py-1.5 text-sm font-medium text-red-700 hover:bg-red-50 disabled:opacity-60"
        >
          Deny
        </button>
        {pending && <span className="text-sm text-slate-600">Working…</span>}
        {state.error && (
          <p role="alert" className="text-sm text-red-700">
            {state.error}
          </p>
        )}
      </div>
    </form>
  );
}
