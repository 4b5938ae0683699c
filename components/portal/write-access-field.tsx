"use client";

import { useId } from "react";

/**
 * A read-only-first role's one choice: a session limited to read-only (the default), or write
 * access, asked for explicitly and recorded as such in the audit log. Posts `access=write` when checked.
 */
export function WriteAccessField({ checked, onChange }: { checked: boolean; onChange: (checked: boolean) => void }) {
  const id = useId();
  return (
    <div className="mt-4 flex items-start gap-2 text-sm">
      <input
        id={`${id}-write`}
        type="checkbox"
        name="access"
        value="write"
        checked={checked}
        onChange={(event) => onChange(event.target.checked)}
        aria-describedby={`${id}-write-hint`}
        className="mt-1"
      />
      <span>
        <label htmlFor={`${id}-write`} className="font-medium text-slate-700">
          Write access
        </label>
        <span id={`${id}-write-hint`} className="block text-xs text-slate-600">
          This role is read-only first: without this, the session can only read. Ask for write only when you need to
          change something; the audit log records that you did.
        </span>
      </span>
    </div>
  );
}
