"use client";

import { useEffect, useRef, useState } from "react";
import { CopyButton } from "@/components/portal/copy-button";
import { durationPresets, formatDuration } from "@/components/portal/format-duration";
import type { PortalRole } from "@/lib/portal/home-data";

type Credentials = {
  expiration: string;
  durationSeconds: number;
  profileName: string;
  accountName: string;
  roleName: string;
  formats: Record<string, string>;
};

const formatLabels: [string, string][] = [
  ["bash", "bash / zsh"],
  ["fish", "fish"],
  ["powershell", "PowerShell"],
  ["cmd", "Windows cmd"],
  ["profile", "~/.aws/credentials"],
  ["credential_process", "credential_process"],
  ["dotenv", ".env"],
];

function useCountdown(expiration: string | undefined): string {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    if (!expiration) return;
    const timer = setInterval(() => setNow(Date.now()), 1000);
    return () => clearInterval(timer);
  }, [expiration]);
  if (!expiration) return "";
  const left = Math.max(0, Math.floor((Date.parse(expiration) - now) / 1000));
  if (left === 0) return "expired";
  const h = Math.floor(left / 3600);
  const m = Math.floor((left % 3600) / 60);
  const s = left % 60;
  return `${h ? `${h}:` : ""}${String(m).padStart(h ? 2 : 1, "0")}:${String(s).padStart(2, "0")} left`;
}

/** CLI credentials for one role: pick a duration, then copy them in the format of your shell. Shown once, kept nowhere. */
export function CredentialsDialog({ role, onClose }: { role: PortalRole; onClose: () => void }) {
  const dialog = useRef<HTMLDialogElement>(null);
  const presets = durationPresets(role.allowedSessionDuration);
  const [duration, setDuration] = useState(presets.includes(3600) ? 3600 : presets[0]);
  const [format, setFormat] = useState("bash");
  const [credentials, setCredentials] = useState<Credentials | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const countdown = useCountdown(credentials?.expiration);

  useEffect(() => {
    dialog.current?.showModal();
  }, []);

  async function request() {
    setBusy(true);
    setError(null);
    const response = await fetch("/api/credentials", {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ accountId: role.accountId, roleName: role.roleName, durationSeconds: duration }),
    }).catch(() => undefined);
    const body = await response?.json().catch(() => undefined);
    setBusy(false);
    if (response?.status === 401) {
      // The session ended (signed out, expired, revoked) or its groups need a re-check with the
      // IdP: go there, and come back to this page afterwards.
      const next = new URL(body?.error?.refreshUrl ?? "/signin", window.location.origin);
      next.searchParams.set("callbackUrl", window.location.pathname + window.location.search);
      window.location.replace(next.pathname + next.search);
      return;
    }
    if (!response?.ok)
      setError(body?.error?.message ?? "Airlock could not be reached. Check your connection and try again.");
    else setCredentials(body as Credentials);
  }

  const text = credentials?.formats[format];
  return (
    <dialog
      ref={dialog}
      onClose={onClose}
      aria-labelledby="credentials-title"
      className="m-auto w-[min(44rem,calc(100vw-2rem))] rounded-2xl p-0 shadow-xl backdrop:bg-slate-900/50"
    >
      <div className="p-5 sm:p-6">
        <div className="flex items-start justify-between gap-4">
          <h2 id="credentials-title" className="text-lg font-semibold">
            CLI credentials · {role.accountName} / {role.roleName}
          </h2>
          <button
            type="button"
            onClick={() => dialog.current?.close()}
            className="rounded-md px-2 py-1 text-slate-500 hover:bg-slate-100"
            aria-label="Close"
          >
            ✕
          </button>
        </div>
        {!credentials ? (
          <div className="mt-4">
            <fieldset>
              <legend className="text-sm font-medium text-slate-700">Session length</legend>
              <div className="mt-2 flex flex-wrap gap-2">
                {presets.map((seconds) => (
                  <label
                    key={seconds}
                    className={`cursor-pointer rounded-lg border px-3 py-1.5 text-sm ${duration === seconds ? "border-slate-900 bg-slate-900 text-white" : "border-slate-300 bg-white"}`}
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
            {error && (
              <p role="alert" className="mt-4 rounded-lg border border-red-200 bg-red-50 p-3 text-sm text-red-800">
                {error}
              </p>
            )}
            <button
              type="button"
              onClick={() => void request()}
              disabled={busy}
              className="mt-5 rounded-lg bg-slate-900 px-4 py-2 font-medium text-white hover:bg-slate-700 disabled:opacity-60"
            >
              {busy ? "Requesting…" : "Get credentials"}
            </button>
          </div>
        ) : (
          <div className="mt-4">
            <p className="text-sm text-slate-700">
              Expire at{" "}
              <time dateTime={credentials.expiration}>{new Date(credentials.expiration).toLocaleString()}</time> (
              <span data-testid="countdown">{countdown}</span>). Profile name:{" "}
              <code className="font-mono">{credentials.profileName}</code> (
              <code className="font-mono">aws --profile {credentials.profileName} …</code>). They are shown once;
              Airlock keeps no copy.
            </p>
            <div role="tablist" aria-label="Format" className="mt-4 flex flex-wrap gap-1 border-b border-slate-200">
              {formatLabels
                .filter(([id]) => credentials.formats[id])
                .map(([id, label]) => (
                  <button
                    key={id}
                    role="tab"
                    type="button"
                    aria-selected={format === id}
                    onClick={() => setFormat(id)}
                    className={`rounded-t-md px-3 py-1.5 text-sm ${format === id ? "bg-slate-900 text-white" : "text-slate-700 hover:bg-slate-100"}`}
                  >
                    {label}
                  </button>
                ))}
            </div>
            <div role="tabpanel" className="relative mt-3">
              <pre
                data-testid="credentials-text"
                className="max-h-72 overflow-auto rounded-lg bg-slate-950 p-4 pr-16 text-xs text-slate-100"
              >
                {text}
              </pre>
              {text && (
                <CopyButton
                  value={text}
                  label={`Copy ${formatLabels.find(([id]) => id === format)?.[1]}`}
                  className="absolute top-2 right-2"
                />
              )}
            </div>
          </div>
        )}
      </div>
    </dialog>
  );
}
