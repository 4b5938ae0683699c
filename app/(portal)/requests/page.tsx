import type { Metadata } from "next";
import Link from "next/link";
import { ActionForm } from "@/components/admin/action-form";
import { PageOutcome } from "@/components/admin/page-outcome";
import { DecisionForm } from "@/components/portal/decision-form";
import { LiveRefresh } from "@/components/portal/live-refresh";
import { RequestCard } from "@/components/portal/request-card";
import { decideRequestAction, endRequestAction } from "@/app/(portal)/requests/actions";
import { requireUser } from "@/lib/auth/session";
import { getDb } from "@/lib/db/client";
import { closeExpiredRequests } from "@/lib/requests/close-expired-requests";
import { listLiveGrants, listOwnRequests, listRequestsToDecide } from "@/lib/requests/list-requests";
import { statusLabel, type AccessRequestView } from "@/lib/requests/request-view";

export const metadata: Metadata = { title: "Access requests" };

function EndForm({ request, own }: { request: AccessRequestView; own: boolean }) {
  const pending = request.status === "pending";
  const whose = own ? "your" : `${request.requester.email}'s`;
  return (
    <ActionForm
      action={endRequestAction}
      submitLabel={pending ? "Withdraw request" : "End access now"}
      danger
      outcomeToPage
      confirm={{
        title: pending ? "Withdraw the request?" : "End this access now?",
        description: pending
          ? `Approvers will no longer see ${whose} request for ${request.accountName} / ${request.roleName}.`
          : `Airlock stops issuing ${request.accountName} / ${request.roleName} on ${whose} grant at once. Sessions already issued run until they expire.`,
        confirmLabel: pending ? "Withdraw" : "End access",
      }}
    >
      <input type="hidden" name="requestId" value={request.id} />
    </ActionForm>
  );
}

// /requests: requests waiting for the person's decision, their own requests and grants, and for
// admins every live grant. Refreshes itself while something on it is waiting.
export default async function RequestsPage() {
  const user = await requireUser();
  const db = getDb();
  const now = new Date();
  // What ran out is closed (audited, notified) before it is shown.
  await closeExpiredRequests({ db, userId: user.id, now });
  const actor = { id: user.id, email: user.email, groups: user.groups, isAdmin: user.isAdmin };
  const [toDecide, own, grants] = await Promise.all([
    listRequestsToDecide({ db, actor, now }),
    listOwnRequests({ db, userId: user.id }),
    user.isAdmin ? listLiveGrants({ db, now }) : [],
  ]);
  const othersGrants = grants.filter((g) => g.requester.id !== user.id);
  const waiting = toDecide.length > 0 || own.some((r) => statusLabel(r, now) === "waiting for approval");
  return (
    <main className="mx-auto max-w-4xl px-4 py-6">
      {waiting && <LiveRefresh />}
      <h1 className="text-xl font-semibold">Access requests</h1>
      <PageOutcome />
      <p className="mt-1 text-sm text-slate-600">
        Roles you are eligible to are listed on the{" "}
        <Link href="/" className="underline">
          home page
        </Link>{" "}
        with &ldquo;Request access&rdquo;. An approved request gives the role until its time ends.
      </p>

      <section aria-labelledby="decide-heading" className="mt-6">
        <h2 id="decide-heading" className="text-lg font-semibold">
          Waiting for your decision
        </h2>
        {toDecide.length === 0 ? (
          <p className="mt-2 text-sm text-slate-600">Nothing is waiting for you.</p>
        ) : (
          <ul className="mt-3 divide-y divide-slate-200 rounded-xl border border-slate-200 bg-white">
            {toDecide.map((r) => (
              <RequestCard key={r.id} request={r} showRequester now={now}>
                <DecisionForm
                  action={decideRequestAction}
                  requestId={r.id}
                  label={`${r.requester.email}'s request for ${r.accountName} / ${r.roleName}`}
                />
              </RequestCard>
            ))}
          </ul>
        )}
      </section>

      <section aria-labelledby="own-heading" className="mt-8">
        <h2 id="own-heading" className="text-lg font-semibold">
          Your requests
        </h2>
        {own.length === 0 ? (
          <p className="mt-2 text-sm text-slate-600">You have not requested access yet.</p>
        ) : (
          <ul className="mt-3 divide-y divide-slate-200 rounded-xl border border-slate-200 bg-white">
            {own.map((r) => {
              const status = statusLabel(r, now);
              return (
                <RequestCard key={r.id} request={r} showRequester={false} now={now}>
                  {status === "granted" && (
                    <p className="mt-3 text-sm">
                      {/* A plain link: a click on Airlock's page opens the console without a second question. */}
                      <a
                        href={`/go?${new URLSearchParams({ account: r.accountId, role: r.roleName })}`}
                        className="font-medium text-slate-900 underline"
                      >
                        Open the console as {r.roleName}
                      </a>{" "}
                      <span className="text-slate-600">or get CLI credentials from the home page.</span>
                    </p>
                  )}
                  {(status === "granted" || status === "waiting for approval") && <EndForm request={r} own />}
                </RequestCard>
              );
            })}
          </ul>
        )}
      </section>

      {user.isAdmin && (
        <section aria-labelledby="grants-heading" className="mt-8">
          <h2 id="grants-heading" className="text-lg font-semibold">
            Everyone&apos;s live grants
          </h2>
          {othersGrants.length === 0 ? (
            <p className="mt-2 text-sm text-slate-600">No one else holds a grant now.</p>
          ) : (
            <ul className="mt-3 divide-y divide-slate-200 rounded-xl border border-slate-200 bg-white">
              {othersGrants.map((r) => (
                <RequestCard key={r.id} request={r} showRequester now={now}>
                  <EndForm request={r} own={false} />
                </RequestCard>
              ))}
            </ul>
          )}
        </section>
      )}
    </main>
  );
}
