"use client";

import { createContext, useContext, useEffect, useId } from "react";

/** What a form tells its fields: the problems by field name, and which names have a visible field. */
export const FieldErrorsContext = createContext<{ errors: Record<string, string>; visible: Set<string> }>({
  errors: {},
  visible: new Set(),
});

export function Field({
  label,
  name,
  defaultValue,
  placeholder,
  type = "text",
  required = false,
  hint,
  step,
}: {
  label: string;
  name: string;
  defaultValue?: string | number | null;
  placeholder?: string;
  type?: string;
  required?: boolean;
  hint?: string;
  step?: string;
}) {
  const { errors, visible } = useContext(FieldErrorsContext);
  useEffect(() => {
    visible.add(name);
    return () => void visible.delete(name);
  }, [visible, name]);
  const id = useId();
  const error = errors[name];
  const describedBy = [hint && `${id}-hint`, error && `${id}-error`].filter(Boolean).join(" ") || undefined;
  return (
    <label className="block text-sm">
      <span className="font-medium text-slate-700">{label}</span>
      <input
        name={name}
        type={type}
        defaultValue={defaultValue ?? undefined}
        placeholder={placeholder}
        required={required}
        step={step}
        aria-invalid={error ? true : undefined}
        aria-describedby={describedBy}
        className={`mt-1 block w-full rounded-md border bg-white px-2 py-1.5 ${error ? "border-red-600" : "border-slate-300"}`}
      />
      {hint && (
        <span id={`${id}-hint`} className="mt-0.5 block text-xs text-slate-600">
          {hint}
        </span>
      )}
      {error && (
        <span id={`${id}-error`} className="mt-0.5 block text-xs font-medium text-red-700">
          {error}
        </span>
      )}
    </label>
  );
}
