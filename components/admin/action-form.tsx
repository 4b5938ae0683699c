"use client";

import { startTransition, useActionState, useEffect, useId, useRef, useState, type ReactNode } from "react";
import { announceOutcome, useLatestOutcome } from "@/components/admin/action-outcome";
import { ConfirmDialog, type Confirmation } from "@/components/admin/confirm-dialog";
import { FieldErrorsContext } from "@/components/admin/field";

export { Field } from "@/components/admin/field";
export type ActionState = { ok?: string; error?: string; fieldErrors?: Record<string, string> };
type Action = (state: ActionState, form: FormData) => Promise<ActionState>;

const buttonClass = {
  primary: "bg-slate-900 text-white hover:bg-slate-700",
  // Destructive buttons are secondary in weight: the confirmation carries the emphasis.
  danger: "border border-red-300 bg-white text-red-700 hover:bg-red-50",
};

/**
 * A form bound to a Server Action, announcing the outcome in the person's terms: problems beside the
 * fields they concern, one outcome on screen at a time, and a confirmation before anything
 * destructive (`confirm`). `outcomeToPage` is for forms that disappear on success.
 */
export function ActionForm({
  action,
  children,
  submitLabel,
  danger = false,
  confirm,
  outcomeToPage = false,
  resetOnSuccess = false,
  className = "",
}: {
  action: Action;
  children?: ReactNode;
  submitLabel: string;
  danger?: boolean;
  confirm?: Confirmation;
  outcomeToPage?: boolean;
  resetOnSuccess?: boolean;
  className?: string;
}) {
  const source = useId();
  // Announced as soon as the server answers, not after rendering: a form whose success removes it
  // (a deleted role) is gone by then.
  const [state, formAction, pending] = useActionState(async (previous: ActionState, data: FormData) => {
    const next = await action(previous, data);
    announceOutcome({ source, message: next.ok ?? "", toPage: Boolean(next.ok) && outcomeToPage });
    return next;
  }, {});
  const [visible] = useState(() => new Set<string>());
  const form = useRef<HTMLFormElement>(null);
  const latest = useLatestOutcome();
  useEffect(() => {
    if (state.ok && resetOnSuccess) form.current?.reset();
    form.current?.querySelector<HTMLElement>("[aria-invalid=true]")?.focus();
  }, [state, resetOnSuccess]);
  const isCurrent = latest === null || latest.source === source;
  const fieldErrors = state.fieldErrors ?? {};
  const otherErrors = Object.entries(fieldErrors).filter(([name]) => !visible.has(name));
  const invalidCount = Object.keys(fieldErrors).length - otherErrors.length;
  const error =
    state.error &&
    [invalidCount ? "Check the marked field" + (invalidCount > 1 ? "s." : ".") : state.error]
      .concat(otherErrors.map(([, message]) => message))
      .join(" ");
  const submit = (
    <button
      type={confirm ? "button" : "submit"}
      disabled={pending}
      className={`rounded-lg px-3 py-1.5 text-sm font-medium disabled:opacity-60 ${buttonClass[danger ? "danger" : "primary"]}`}
      onClick={
        confirm
          ? (event) => {
              const owner = event.currentTarget.form;
              if (owner?.reportValidity()) owner.querySelector("dialog")?.showModal();
            }
          : undefined
      }
    >
      {pending ? "Working…" : submitLabel}
    </button>
  );
  // Submitting through a transition (not the form's action attribute) keeps what the admin typed
  // when the server refuses it, instead of React's automatic reset.
  return (
    <form
      ref={form}
      className={className}
      onSubmit={(event) => {
        event.preventDefault();
        event.currentTarget.querySelector("dialog")?.close();
        const data = new FormData(event.currentTarget);
        startTransition(() => formAction(data));
      }}
    >
      <FieldErrorsContext value={{ errors: isCurrent ? fieldErrors : {}, visible }}>{children}</FieldErrorsContext>
      <div className="mt-3 flex flex-wrap items-center gap-3">
        {submit}
        {isCurrent && error && (
          <p role="alert" className="text-sm text-red-700">
            {error}
          </p>
        )}
        {isCurrent && state.ok && !outcomeToPage && (
          <p role="status" className="text-sm text-emerald-700">
            {state.ok}
          </p>
        )}
      </div>
      {confirm && <ConfirmDialog confirmation={confirm} />}
    </form>
  );
}
