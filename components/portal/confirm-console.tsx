"use client";

import { useActionState, useState } from "react";
import { EnvironmentBadge } from "@/components/portal/environment-badge";
import { ReasonField } from "@/components/portal/reason-field";
import { WriteAccessField } from "@/components/portal/write-access-field";
import type { ConsolePreview } from "@/lib/portal/open-console";

export type OpenConsoleState = { error?: string; code?: string };
type OpenConsoleAction = (state: OpenConsoleState, form: FormData) => Promise<OpenConsoleState>;

/**
 * The click a deep link from elsewhere costs: names what would open, and posts it back to Airlock.
 * `initialWrite`: "Write access" starts ticked (only for Airlock's own "Console with write" link;
 * a link from elsewhere never pre-ticks it).
 */
export function ConfirmConsole({
  preview,
  initialWrite,
  action,
}: {
  preview: ConsolePreview;
  initialWrite: boolean;
  action: OpenConsoleAction;
}) {
  const [state, formAction, isPending] = useActionState(action, {});
  const [reason, setReason] = useState("");
  const [write, setWrite] = useState(initialWrite);
  const { accountId, accountName, environment, roleName, region, destination } = preview;
  // A read-only session asked for on a role that is not read-only first travels with the click.
  const access = !preview.readOnlyFirst && preview.access === "read-only" ? "read-only" : undefined;
  const fields = { accountId, roleName, region, destination, access };
  return (
    <form action={formAction} className="mt-6 rounded-xl border border-slate-200 bg-white p-5">
      <dl className="grid grid-cols-[max-content_1fr] gap-x-4 gap-y-2 text-sm">
        <dt className="text-slate-500">Account</dt>
        <dd data-testid="confirm-account">
          {accountName} <span className="font-mono text-slate-500">{accountId}</span>
        </dd>
        <dt className="text-slate-500">Environment</dt>
        <dd>
          <EnvironmentBadge environment={environment} />
        </dd>
        <dt className="text-slate-500">Role</dt>
        <dd data-testid="confirm-role">{roleName}</dd>
        <dt className="text-slate-500">Region</dt>
        <dd>{region ?? "the console's default"}</dd>
        <dt className="text-slate-500">Opens at</dt>
        <dd data-testid="confirm-destination" className="font-mono break-all">
          {destination ?? "console home"}
        </dd>
      </dl>
      {Object.entries(fields).map(([name, value]) =>
        value ? <input key={name} type="hidden" name={name} value={value} /> : null,
      )}
      {preview.requireReason && (
        <ReasonField value={reason} onChange={setReason} isRefused={state.code === "reason_required"} />
      )}
      {preview.readOnlyFirst && <WriteAccessField checked={write} onChange={setWrite} />}
      {state.error && (
        <p role="alert" className="mt-4 rounded-lg border border-red-200 bg-red-50 p-3 text-sm text-red-800">
          {state.error}
        </p>
      )}
      <button
        type="submit"
        disabled={isPending}
        className="mt-5 rounded-lg bg-slate-900 px-4 py-2.5 font-medium text-white hover:bg-slate-700 disabled:opacity-60"
      >
        {isPending
          ? "Opening…"
          : `Open ${accountName} as ${roleName}${preview.readOnlyFirst && write ? " with write access" : ""}`}
      </button>
    </form>
  );
}
