import { ScrollArea } from "@/components/admin/scroll-area";
import type { LiveAwsSession } from "@/lib/audit/live-aws-sessions";
import type { SessionSummary } from "@/lib/sessions/list-sessions";

const when = (d: Date) => `${d.toISOString().slice(0, 16).replace("T", " ")} UTC`;
const cell = "px-3 py-2";

/** A person's live Airlock sessions (browser and terminal). */
export function SessionsTable({ sessions, currentId }: { sessions: SessionSummary[]; currentId?: string }) {
  if (sessions.length === 0)
    return (
      <p role="status" className="mt-2 text-sm">
        No live sessions.
      </p>
    );
  return (
    <ScrollArea label="Sessions table" className="mt-2">
      <table aria-label="Sessions" className="w-full rounded-xl border border-slate-200 bg-white text-sm">
        <thead className="bg-slate-100 text-left">
          <tr>
            {["Kind", "Signed in", "Last seen", "Ends", "From"].map((h) => (
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
            </tr>
          ))}
        </tbody>
      </table>
    </ScrollArea>
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
    <ScrollArea label="Live AWS sessions table" className="mt-2">
      <table aria-label="Live AWS sessions" className="w-full rounded-xl border border-slate-200 bg-white text-sm">
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
    </ScrollArea>
  );
}
