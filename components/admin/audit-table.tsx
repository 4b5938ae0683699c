import { describeAuditEvent } from "@/lib/audit/describe-event";
import { listChangeRows, parseStoredDetails } from "@/lib/audit/describe-changes";

export type AuditRow = {
  id: string;
  createdAt: Date;
  action: string;
  outcome: string;
  reason: string | null;
  actor: string | null;
  accountId: string | null;
  roleName: string | null;
  accessKeyId: string | null;
  clientIp: string | null;
  userAgent: string | null;
  details: string | null;
};

const outcomeStyle: Record<string, string> = {
  success: "bg-emerald-100 text-emerald-900",
  failure: "bg-amber-100 text-amber-900",
  denied: "bg-red-100 text-red-900",
  pending: "bg-slate-200 text-slate-900",
};
/** Said beside an outcome that needs it. */
const outcomeHint: Record<string, string> = {
  pending: "Issued or not; completion could not be recorded",
};
const cell = "px-3 py-2 align-top";

/** Every stored field of one event, and its before/after, behind a disclosure. */
function EventDetails({ event }: { event: AuditRow }) {
  const rows = listChangeRows(parseStoredDetails(event.details));
  const facts = [
    ["Action", event.action],
    ["Person", event.actor],
    ["Account", event.accountId],
    ["Role", event.roleName],
    ["Access key", event.accessKeyId],
    ["Client", [event.clientIp, event.userAgent].filter(Boolean).join(" · ")],
  ].filter(([, value]) => value);
  return (
    <details className="mt-1 text-xs">
      <summary className="cursor-pointer text-slate-600">Details</summary>
      <dl className="mt-1 grid grid-cols-[auto_1fr] gap-x-3 gap-y-0.5">
        {facts.map(([label, value]) => (
          <div key={label} className="contents">
            <dt className="text-slate-600">{label}</dt>
            <dd className="font-mono break-all">{value}</dd>
          </div>
        ))}
      </dl>
      {rows.length > 0 && (
        <table className="mt-2 w-full text-xs">
          <thead className="text-left text-slate-600">
            <tr>
              <th className="pr-3 font-medium">Field</th>
              <th className="pr-3 font-medium">Before</th>
              <th className="font-medium">After</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((row) => (
              <tr key={row.field} className="border-t border-slate-100">
                <td className="pr-3 font-mono break-all">{row.field}</td>
                <td className="pr-3 break-all text-red-800">{row.before}</td>
                <td className="break-all text-emerald-800">{row.after}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </details>
  );
}

/** The audit log as sentences, newest first; columns no event on the page uses are left out. */
export function AuditTable({ events, accountNames }: { events: AuditRow[]; accountNames: Map<string, string> }) {
  const hasReason = events.some((e) => e.reason);
  const hasKey = events.some((e) => e.accessKeyId);
  return (
    <table className="w-full table-fixed rounded-xl border border-slate-200 bg-white text-sm sm:table-auto">
      <thead className="bg-slate-100 text-left">
        <tr>
          <th className={`${cell} hidden sm:table-cell`}>Time (UTC)</th>
          <th className={cell}>Event</th>
          <th className={`${cell} w-24 sm:w-auto`}>Outcome</th>
          {hasReason && <th className={`${cell} hidden sm:table-cell`}>Reason</th>}
          {hasKey && <th className={`${cell} hidden md:table-cell`}>Access key</th>}
        </tr>
      </thead>
      <tbody>
        {events.map((e) => (
          <tr key={e.id} className="border-t border-slate-200" data-testid="audit-row">
            <td className={`${cell} hidden text-xs whitespace-nowrap text-slate-600 sm:table-cell`}>
              {e.createdAt.toISOString().slice(0, 10)}
              <br />
              {e.createdAt.toISOString().slice(11, 19)}
            </td>
            <td className={`${cell} min-w-0 break-words`}>
              <span className="block text-xs text-slate-600 sm:hidden">
                {e.createdAt.toISOString().slice(0, 16).replace("T", " ")} UTC
              </span>
              {describeAuditEvent(e, accountNames)}
              <EventDetails event={e} />
            </td>
            <td className={cell}>
              <span className={`rounded-full px-2 py-0.5 text-xs font-medium ${outcomeStyle[e.outcome] ?? ""}`}>
                {e.outcome}
              </span>
              {outcomeHint[e.outcome] && (
                <span className="mt-1 block text-xs text-slate-600">{outcomeHint[e.outcome]}</span>
              )}
              {hasReason && e.reason && <span className="mt-1 block text-xs text-slate-600 sm:hidden">{e.reason}</span>}
            </td>
            {hasReason && <td className={`${cell} hidden text-xs sm:table-cell`}>{e.reason}</td>}
            {hasKey && <td className={`${cell} hidden font-mono text-xs md:table-cell`}>{e.accessKeyId}</td>}
          </tr>
        ))}
      </tbody>
    </table>
  );
}
