"use client";

import { useId } from "react";

/** At most what an AWS session tag value holds (lib/entitlements/reason.ts). */
export const MAX_REASON_LENGTH = 256;

/**
 * The reason a role requires for every session: a labelled, required field whose hint says where
 * the reason goes. Controlled, so a refused attempt keeps what was typed.
 */
export function ReasonField({
  value,
  onChange,
  isRefused = false,
}: {
  value: string;
  onChange: (value: string) => void;
  /** Airlock refused the attempt for want of a reason: the field is marked (the alert says why). */
  isRefused?: boolean;
}) {
  const id = useId();
  return (
    <div className="mt-4">
      <label htmlFor={`${id}-reason`} className="block text-sm font-medium text-slate-700">
        Reason <span className="font-normal text-slate-600">(required for this role)</span>
      </label>
      <input
        id={`${id}-reason`}
        name="reason"
        type="text"
        required
        maxLength={MAX_REASON_LENGTH}
        value={value}
        onChange={(event) => onChange(event.target.value)}
        placeholder="e.g. INC-1234: restart the stuck deployment"
        aria-describedby={`${id}-reason-hint`}
        aria-invalid={isRefused || undefined}
        className={`mt-1 block w-full rounded-md border bg-white px-2 py-1.5 text-sm ${isRefused ? "border-red-600" : "border-slate-300"}`}
      />
      <span id={`${id}-reason-hint`} className="mt-0.5 block text-xs text-slate-600">
        Recorded in Airlock&apos;s audit log and sent to AWS as the session tag AirlockReason (CloudTrail shows it).
      </span>
    </div>
  );
}
