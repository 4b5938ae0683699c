"use client";

import { useState, type ReactNode } from "react";
import { CopyButton } from "@/components/portal/copy-button";
import { FormatTabs } from "@/components/portal/format-tabs";
import { useExpiry } from "@/components/portal/use-expiry";
import { credentialFormats as tabs, type CredentialFormat } from "@/lib/aws/credential-formats";
import type { CredentialsResponse } from "@/lib/federation/credentials-response";
import { formatCredentialProcessProfile } from "@/lib/terminal/aws-config";

/** What the dialog shows of POST /api/credentials's answer (the type the route answers with). */
export type IssuedCredentialsView = Pick<
  CredentialsResponse,
  | "accessKeyId"
  | "secretAccessKey"
  | "sessionToken"
  | "expiration"
  | "region"
  | "accountId"
  | "roleName"
  | "profileName"
  | "formats"
  | "unavailableFormats"
  | "sessionPolicyArns"
>;

function hintFor(format: CredentialFormat, c: IssuedCredentialsView): ReactNode {
  const code = (text: string) => <code className="font-mono text-[0.8125rem]">{text}</code>;
  if (format === "profile")
    return (
      <>
        Add to {code("~/.aws/credentials")}. To renew, replace the old {code(`[${c.profileName}]`)} section: a file with
        two is refused. {code("aws configure set")} updates it in place instead.
      </>
    );
  if (format === "configure")
    return <>Run in a terminal: updates profile {code(c.profileName)} in place, whether or not it exists.</>;
  if (format === "credential_process")
    return (
      <>
        Add this profile to {code("~/.aws/config")} once: AWS clients then ask the {code("airlock")} command for fresh
        credentials whenever they need them, with nothing to paste again. Install it from the{" "}
        <a href="/terminal" className="font-medium underline">
          Terminal page
        </a>
        .
      </>
    );
  if (format === "dotenv")
    return <>For a {code(".env")} file, read as written by dotenv, Next.js, python-dotenv and docker compose.</>;
  return <>Paste into your terminal: it sets them for that terminal only and keeps them out of its history.</>;
}

function textFor(format: CredentialFormat, c: IssuedCredentialsView): string | undefined {
  if (format !== "credential_process") return c.formats[format];
  const { profileName, accountId, roleName, region } = c;
  return formatCredentialProcessProfile({ profileName, accountId, roleName, region });
}

/** Issued credentials: when they expire, the profile name, each format, and each value to copy. */
export function CredentialsResult({ credentials: c }: { credentials: IssuedCredentialsView }) {
  const [format, setFormat] = useState<CredentialFormat>("bash");
  const expiry = useExpiry(c.expiration);
  const text = textFor(format, c);
  const label = tabs.find((t) => t.id === format)?.label ?? format;
  const values: [string, string][] = [
    ["Access key ID", c.accessKeyId],
    ["Secret access key", c.secretAccessKey],
    ["Session token", c.sessionToken],
    ["Region", c.region],
    ["Expiration", c.expiration],
  ];
  return (
    <div className="mt-4 space-y-4">
      <p className={`text-sm font-medium ${expiry.isExpired ? "text-red-700" : "text-slate-800"}`}>
        {expiry.isExpired ? "Expired" : "Expires"} <time dateTime={c.expiration}>{expiry.at}</time> (
        <span data-testid="countdown">{expiry.left}</span>)
      </p>
      {c.sessionPolicyArns && (
        <p data-testid="session-policy" className="text-sm text-slate-700">
          Read-only: AWS limits these credentials to the session policy{" "}
          <code className="font-mono text-[0.8125rem]">{c.sessionPolicyArns.join(", ")}</code>.
        </p>
      )}
      <div className="flex flex-wrap items-center gap-2 text-sm text-slate-700">
        <span>Profile</span>
        <code data-testid="profile-name" className="rounded bg-slate-100 px-1.5 py-0.5 font-mono">
          {c.profileName}
        </code>
        <CopyButton value={c.profileName} label="Copy profile name" />
        <span>
          region <code className="font-mono">{c.region}</code>
        </span>
      </div>
      <FormatTabs
        tabs={tabs}
        selected={format}
        onSelect={(id) => setFormat(tabs.find((t) => t.id === id)?.id ?? "bash")}
        idPrefix="credentials"
      />
      <div id="credentials-panel" role="tabpanel" aria-labelledby={`credentials-tab-${format}`} className="space-y-2">
        <p className="text-sm text-slate-600">{hintFor(format, c)}</p>
        {text ? (
          <div className="relative">
            <pre
              data-testid="credentials-text"
              className="max-h-60 overflow-auto rounded-lg bg-slate-950 p-4 pr-20 text-xs break-all whitespace-pre-wrap text-slate-100"
            >
              {text}
            </pre>
            <CopyButton value={text} label={`Copy ${label}`} className="absolute top-2 right-2" />
          </div>
        ) : (
          <p role="note" className="rounded-lg border border-amber-200 bg-amber-50 p-3 text-sm text-amber-900">
            {c.unavailableFormats?.[format] ?? "These credentials cannot be written in this format."}
          </p>
        )}
      </div>
      <section aria-label="Values">
        <h3 className="text-sm font-medium text-slate-700">Values</h3>
        <dl className="mt-1 divide-y divide-slate-100 text-sm">
          {values.map(([name, value]) => (
            <div key={name} className="flex items-center gap-3 py-1.5">
              <dt className="w-32 shrink-0 text-slate-600">{name}</dt>
              <dd className="flex min-w-0 flex-1 items-center gap-2">
                <code className="min-w-0 flex-1 truncate font-mono text-xs">{value}</code>
                <CopyButton value={value} label={`Copy ${name.toLowerCase()}`} />
              </dd>
            </div>
          ))}
        </dl>
      </section>
      <p className="text-xs text-slate-500">Shown once: Airlock keeps no copy.</p>
    </div>
  );
}
