"use client";

import { useEffect, useRef, useState } from "react";
import { CredentialsResult, type IssuedCredentialsView } from "@/components/portal/credentials-result";
import { durationPresets, formatDuration } from "@/components/portal/format-duration";
import { ReasonField } from "@/components/portal/reason-field";
import { WriteAccessField } from "@/components/portal/write-access-field";
import { withCallbackUrl } from "@/lib/auth/step-up-path";
import type { PortalRole } from "@/lib/portal/home-data";

const isProduction = (environment: string) => /^prod/i.test(environment);

/**
 * CLI credentials for one role: pick a duration, then copy them in the format of your shell, for
 * the region chosen on the page. Shown once, kept nowhere.
 */
export function CredentialsDialog({
  role,
  region,
  onClose,
}: {
  role: PortalRole;
  region: string;
  onClose: () => void;
}) {
  const dialog = useRef<HTMLDialogElement>(null);
  // From the role's default up to what the person may hold (the role's limit included).
  const presets = durationPresets(role.allowedSessionDuration, role.defaultSessionDuration);
  const [duration, setDuration] = useState(role.defaultSessionDuration);
  const [reason, setReason] = useState("");
  const [write, setWrite] = useState(false);
  const [credentials, setCredentials] = useState<IssuedCredentialsView | null>(null);
  const [error, setError] = useState<{ message: string; code?: string; signInAgainUrl?: string } | null>(null);
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    dialog.current?.showModal();
  }, []);

  async function request() {
    setBusy(true);
    setError(null);
    const response = await fetch("/api/credentials", {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({
        accountId: role.accountId,
        roleName: role.roleName,
        durationSeconds: duration,
        region,
        ...(reason.trim() && { reason }),
        ...(write && { access: "write" }),
      }),
    }).catch(() => undefined);
    const body = await response?.json().catch(() => undefined);
    setBusy(false);
    const back = window.location.pathname + window.location.search;
    if (response?.status === 401 && body?.error?.code === "step_up_required") {
      // The role needs a recent sign-in at the IdP: say so, and let the person go there (coming
      // back here), rather than leave on their own. After a sign-in that did not count (an IdP
      // that ignores the forced authentication), the message says how old the IdP's was.
      const signInAgainUrl = withCallbackUrl(body.error.refreshUrl, back);
      setError({ message: body.error.message, code: body.error.code, signInAgainUrl });
      return;
    }
    if (response?.status === 401) {
      // The session ended (signed out, expired, revoked) or its groups need a re-check with the
      // IdP: go there, and come back to this page afterwards.
      window.location.replace(withCallbackUrl(body?.error?.refreshUrl, back));
      return;
    }
    if (!response?.ok)
      setError({
        message: body?.error?.message ?? "Airlock could not be reached. Check your connection and try again.",
        code: body?.error?.code,
      });
    else setCredentials(body as IssuedCredentialsView);
  }

  return (
    <dialog
      ref={dialog}
      onClose={onClose}
      aria-labelledby="credentials-title"
      className="m-auto w-[min(58rem,calc(100vw-2rem))] rounded-2xl p-0 shadow-xl backdrop:bg-slate-900/50"
    >
      <div className="p-4 sm:p-6">
        <div className="flex items-start justify-between gap-4">
          <h2 id="credentials-title" className="text-lg font-semibold">
            CLI credentials · {role.accountName} / {role.roleName}
            {isProduction(role.environment) && (
              <span className="ml-2 inline-flex rounded-full bg-red-600 px-2 py-0.5 align-middle text-xs font-semibold text-white ring-1 ring-red-700">
                PROD
              </span>
            )}
          </h2>
          <button
            type="button"
            onClick={() => dialog.current?.close()}
            className="rounded-md px-2 py-1 text-slate-500 hover:bg-slate-100 focus-visible:outline-2 focus-visible:outline-amber-500"
            aria-label="Close"
          >
            ✕
          </button>
        </div>
        {credentials ? (
          <CredentialsResult credentials={credentials} />
        ) : (
          <div className="mt-4">
            <fieldset>
              <legend className="text-sm font-medium text-slate-700">Session length</legend>
              <div className="mt-2 flex flex-wrap gap-2">
                {presets.map((seconds) => (
                  <label
                    key={seconds}
                    className={`cursor-pointer rounded-lg border px-3 py-1.5 text-sm has-[:focus-visible]:outline-2 has-[:focus-visible]:outline-offset-2 has-[:focus-visible]:outline-amber-500 ${duration === seconds ? "border-slate-900 bg-slate-900 text-white" : "border-slate-300 bg-white"}`}
                  >
                    <input
                      type="radio"
                      name="duration"
                      value={seconds}
                      checked={duration === seconds}
                      onChange={() => setDuration(seconds)}
                      className="sr-only"
                    />
                    {formatDuration(seconds)}
                  </label>
                ))}
              </div>
            </fieldset>
            {role.requireReason && (
              <ReasonField value={reason} onChange={setReason} isRefused={error?.code === "reason_required"} />
            )}
            {role.readOnlyFirst && <WriteAccessField checked={write} onChange={setWrite} />}
            <p className="mt-4 text-sm text-slate-600">
              Region <code className="font-mono text-slate-800">{region}</code>, the console region chosen on the page.
            </p>
            {error && (
              <p role="alert" className="mt-4 rounded-lg border border-red-200 bg-red-50 p-3 text-sm text-red-800">
                {error.message}
                {error.signInAgainUrl && (
                  <>
                    {" "}
                    <a href={error.signInAgainUrl} className="font-medium text-red-900 underline">
                      Sign in again
                    </a>
                  </>
                )}
              </p>
            )}
            <button
              type="button"
              onClick={() => void request()}
              disabled={busy || (role.requireReason && !reason.trim())}
              className="mt-5 rounded-lg bg-slate-900 px-4 py-2 font-medium text-white hover:bg-slate-700 focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-amber-500 disabled:opacity-60"
            >
              {busy ? "Requesting…" : "Get credentials"}
            </button>
          </div>
        )}
      </div>
    </dialog>
  );
}
