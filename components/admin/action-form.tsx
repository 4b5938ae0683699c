"use client";

import { startTransition, useActionState, useEffect, useRef, type ReactNode } from "react";

export type ActionState = { ok?: string; error?: string };
type Action = (state: ActionState, form: FormData) => Promise<ActionState>;

/** A form bound to a Server Action, announcing the outcome in the person's terms. */
export function ActionForm({
  action,
  children,
  submitLabel,
  danger = false,
  resetOnSuccess = false,
  className = "",
}: {
  action: Action;
  children?: ReactNode;
  submitLabel: string;
  danger?: boolean;
  resetOnSuccess?: boolean;
  className?: string;
}) {
  const [state, formAction, pending] = useActionState(action, {});
  const form = useRef<HTMLFormElement>(null);
  useEffect(() => {
    if (state.ok && resetOnSuccess) form.current?.reset();
  }, [state, resetOnSuccess]);
  // Submitting through a transition (not the form's action attribute) keeps what the admin typed
  // when the server refuses it, instead of React's automatic reset.
  return (
    <form
      ref={form}
      className={className}
      onSubmit={(event) => {
        event.preventDefault();
        const data = new FormData(event.currentTarget);
        startTransition(() => formAction(data));
      }}
    >
      {children}
      <div className="mt-3 flex flex-wrap items-center gap-3">
        <button
          type="submit"
          disabled={pending}
          className={`rounded-lg px-3 py-1.5 text-sm font-medium text-white disabled:opacity-60 ${danger ? "bg-red-700 hover:bg-red-600" : "bg-slate-900 hover:bg-slate-700"}`}
        >
          {pending ? "Working…" : submitLabel}
        </button>
        {state.error && (
          <p role="alert" className="text-sm text-red-700">
            {state.error}
          </p>
        )}
        {state.ok && (
          <p role="status" className="text-sm text-emerald-700">
            {state.ok}
          </p>
        )}
      </div>
    </form>
  );
}

export function Field({
  label,
  name,
  defaultValue,
  placeholder,
  type = "text",
  required = false,
  hint,
}: {
  label: string;
  name: string;
  defaultValue?: string | number | null;
  placeholder?: string;
  type?: string;
  required?: boolean;
  hint?: string;
}) {
  return (
    <label className="block text-sm">
      <span className="font-medium text-slate-700">{label}</span>
      <input
        name={name}
        type={type}
        defaultValue={defaultValue ?? undefined}
        placeholder={placeholder}
        required={required}
        className="mt-1 block w-full rounded-md border border-slate-300 bg-white px-2 py-1.5"
      />
      {hint && <span className="mt-0.5 block text-xs text-slate-500">{hint}</span>}
    </label>
  );
}
