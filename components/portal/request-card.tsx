import type { ReactNode } from "react";
import { EnvironmentBadge } from "@/components/portal/environment-badge";
import { formatDuration } from "@/components/portal/format-duration";
import { statusLabel, type AccessRequestView } from "@/lib/requests/request-view";

const when = (d: Date) => `${d.toISOString().slice(0, 16).replace("T", " ")} UTC`;

const statusStyle: Record<string, string> = {
  "waiting for approval": "bg-amber-100 text-amber-900",
  granted: "bg-emerald-100 text-emerald-900",
  denied: "bg-red-100 text-red-900",
};

/** One request as its requester, an approver or an admin sees it; `children` holds what they may do. */
export function RequestCard({
  request: r,
  showRequester,
  now,
  children,
}: {
  request: AccessRequestView;
  showRequester: boolean;
  now: Date;
  children?: ReactNode;
}) {
  const status = statusLabel(r, now);
  const live = status === "waiting for approval" || status === "granted";
  return (
    <li
      id={`request-${r.id}`}
      className="scroll-mt-4 px-4 py-4"
      aria-label={`${r.accountName} / ${r.roleName}: ${status}`}
    >
      <div className="flex flex-wrap items-center gap-2">
        <span className="font-semibold">{r.accountName}</span>
        <EnvironmentBadge environment={r.environment} />
        <span className="font-semibold">{r.roleName}</span>
        <span
          data-testid="request-status"
          className={`ml-auto rounded-full px-2 py-0.5 text-xs font-medium ${statusStyle[status] ?? "bg-slate-100 text-slate-800"}`}
        >
          {status}
        </span>
      </div>
      <dl className="mt-2 grid grid-cols-[max-content_1fr] gap-x-4 gap-y-1 text-sm">
        {showRequester && (
          <>
            <dt className="text-slate-600">Requested by</dt>
            <dd>{r.requester.name ? `${r.requester.name} (${r.requester.email})` : r.requester.email}</dd>
          </>
        )}
        <dt className="text-slate-600">Reason</dt>
        <dd className="break-words">{r.reason}</dd>
        {r.ticket && (
          <>
            <dt className="text-slate-600">Ticket</dt>
            <dd>{r.ticket}</dd>
          </>
        )}
        <dt className="text-slate-600">For</dt>
        <dd>
          {formatDuration(r.durationSeconds)}, asked {when(r.createdAt)}
        </dd>
        {live && (
          <>
            <dt className="text-slate-600">{r.status === "approved" ? "Access ends" : "Closes unanswered"}</dt>
            <dd>{when(r.expiresAt)}</dd>
          </>
        )}
        {r.status === "pending" && (
          <>
            <dt className="text-slate-600">Approvals</dt>
            <dd>
              {r.approvals} of {r.approvalsRequired}
            </dd>
          </>
        )}
        {r.decisions.map((d) => (
          <div key={`${d.email}-${d.createdAt.toISOString()}`} className="contents">
            <dt className="text-slate-600">{d.decision === "approve" ? "Approved by" : "Denied by"}</dt>
            <dd>
              {d.email}, {when(d.createdAt)}
              {d.comment && <span className="block text-slate-700">“{d.comment}”</span>}
            </dd>
          </div>
        ))}
        {r.closedBy && r.status !== "denied" && (
          <>
            <dt className="text-slate-600">{r.status === "expired" ? "Closed" : "Ended by"}</dt>
            <dd>
              {r.closedBy === "airlock" ? "Airlock, on time" : r.closedBy}
              {r.closedAt && `, ${when(r.closedAt)}`}
            </dd>
          </>
        )}
      </dl>
      {children}
    </li>
  );
}
