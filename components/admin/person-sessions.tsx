import type { LiveAwsSession } from "@/lib/audit/live-aws-sessions";
import type { SessionSummary } from "@/lib/sessions/list-sessions";

const when = (d: Date) => `${d.toISOString().slice(0, 16).replace("T", " ")} UTC`;
const cell = "px-3 py-2";

/** A terminal's device name: the first part of what it recorded (the device name, then the CLI's user agent). */
function deviceNameOf(s: SessionSummary): string | undefined {
  return s.kind === "terminal" ? s.userAgent?.split(" · ")[0] : undefined;
}

/**
 * A person's live Airlock sessions (browser and terminal). With `revoke`, each session but the
 * current one gets a "Sign out" button posting its id to that Server Action.
 */
export function SessionsTable({
  sessions,
  currentId,
  revoke,
}: {
  sessions: SessionSummary[];
  currentId?: string;
  revoke?: (form: FormData) => Promise<void>;
}) {
  if (sessions.length === 0)
    return (
      <p role="status" className="mt-2 text-sm">
        No live sessions.
      </p>
    );
  return (
    <table aria-label="Sessions" className="mt-2 w-full rounded-xl border border-slate-200 bg-white text-sm">
      <thead className="bg-slate-100 text-left">
        <tr>
          {["Kind", "Signed in", "Last seen", "Ends", "From", ...(revoke ? [""] : [])].map((h) => (
            <th key={h} className={cell}>
              {h}
            </th>
          ))}
        </tr>
      </thead>
      <tbody>
        {sessions.map((s) => (
          <tr key={s.id} className="border-t border-slate-200 align-top">
            <td className={cell}>
              {s.kind}
              {deviceNameOf(s) && <span className="block text-xs text-slate-600">{deviceNameOf(s)}</span>}
              {s.id === currentId && (
                <span className="ml-2 rounded bg-emerald-100 px-1.5 text-emerald-800">this one</span>
              )}
            </td>
            <td className={cell}>{when(s.authenticatedAt)}</td>
            <td className={cell}>{when(s.lastSeenAt)}</td>
            <td className={cell}>{when(s.expiresAt)}</td>
            <td className={`${cell} text-xs text-slate-600`}>
              {s.clientIp ?? "unknown address"}
              <br />
              {s.userAgent ?? ""}
            </td>
            {revoke && (
              <td className={cell}>
                {s.id !== currentId && (
                  <form action={revoke}>
                    <input type="hidden" name="sessionId" value={s.id} />
                    <button
                      type="submit"
                      aria-label={`Sign out ${s.kind} session ${deviceNameOf(s) ?? ""}`.trim()}
                      className="rounded-lg border border-red-300 px-2 py-1 text-xs font-medium text-red-800 hover:bg-red-50"
                    >
                      Sign out
                    </button>
                  </form>
                )}
              </td>
            )}
          </tr>
        ))}
      </tbody>
    </table>
  );
}

/** AWS sessions Airlock issued to a person that have not expired yet. */
export function AwsSessionsTable({ sessions }: { sessions: LiveAwsSession[] }) {
  if (sessions.length === 0)
    return (
      <p role="status" className="mt-2 text-sm">
        No live AWS sessions.
      </p>
    );
  return (
    <table aria-label="Live AWS sessions" className="mt-2 w-full rounded-xl border border-slate-200 bg-white text-sm">
      <thead className="bg-slate-100 text-left">
        <tr>
          {["Account", "Role", "Kind", "Access key id", "Issued", "Expires"].map((h) => (
            <th key={h} className={cell}>
              {h}
            </th>
          ))}
        </tr>
      </thead>
      <tbody>
        {sessions.map((s) => (
          <tr key={`${s.accessKeyId}-${s.issuedAt.getTime()}`} className="border-t border-slate-200">
            <td className={`${cell} font-mono text-xs`}>{s.accountId}</td>
            <td className={cell}>{s.roleName}</td>
            <td className={cell}>{s.action === "console.signin" ? "console" : "credentials"}</td>
            <td className={`${cell} font-mono text-xs`}>{s.accessKeyId ?? "—"}</td>
            <td className={cell}>{when(s.issuedAt)}</td>
            <td className={cell}>{when(s.expiresAt)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
