import type { Metadata } from "next";
import { BackHomeLink } from "@/components/back-home-link";
import { ProblemPage } from "@/components/problem-page";
import { EnvironmentBadge } from "@/components/portal/environment-badge";
import { RequestForm } from "@/components/portal/request-form";
import { createRequestAction } from "@/app/(portal)/requests/actions";
import { requireUser } from "@/lib/auth/session";
import { getDb } from "@/lib/db/client";
import { resolveAccountId } from "@/lib/entitlements/store";
import { getEnv } from "@/lib/env";
import { toAppError } from "@/lib/errors";
import { findEligibility } from "@/lib/requests/eligibility";
import { grantPresets } from "@/lib/requests/schemas";

export const metadata: Metadata = { title: "Request access" };

// /requests/new?account=<id or name>&role=<name>: the request form for a role the person is eligible to.
export default async function NewRequestPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const params = await searchParams;
  const account = typeof params.account === "string" ? params.account : "";
  const roleName = typeof params.role === "string" ? params.role : "";
  const user = await requireUser();
  const db = getDb();
  const accountId = (await resolveAccountId({ db, account })) ?? account;
  let eligibility;
  try {
    eligibility = await findEligibility({ db, actor: user, accountId, roleName });
  } catch (error) {
    return (
      <ProblemPage label="Request access" tone="warning" title="You cannot request this role">
        <p className="mt-4 text-slate-700">{toAppError(error).message}</p>
        <BackHomeLink />
      </ProblemPage>
    );
  }
  const pattern = getEnv().AIRLOCK_REQUEST_TICKET_PATTERN;
  const durations = grantPresets(eligibility.maxGrantSeconds);
  const approvers = [
    ...eligibility.approverGroups.map((g) => `members of ${g}`),
    ...(eligibility.adminsApprove ? ["Airlock's admins"] : []),
  ].join(" or ");
  return (
    <main className="mx-auto max-w-2xl px-4 py-6">
      <h1 className="text-xl font-semibold">Request access</h1>
      <p className="mt-3 flex flex-wrap items-center gap-2 text-lg">
        <span className="font-semibold">{eligibility.account.name}</span>
        <EnvironmentBadge environment={eligibility.account.environment} />
        <span className="font-semibold">{eligibility.roleName}</span>
      </p>
      {eligibility.roleDescription && <p className="text-slate-600">{eligibility.roleDescription}</p>}
      <p className="mt-3 text-sm text-slate-700">
        Approved by {approvers}
        {eligibility.approvalsRequired > 1 ? ` (${eligibility.approvalsRequired} different approvers)` : ""}; you cannot
        approve your own request. Unanswered requests close after {getEnv().AIRLOCK_REQUEST_PENDING_HOURS} hours.
      </p>
      <RequestForm
        action={createRequestAction}
        accountId={eligibility.account.id}
        roleName={eligibility.roleName}
        durations={durations}
        defaultDuration={durations.includes(3600) ? 3600 : durations[0]}
        ticketHint={
          pattern
            ? `Your organisation's ticket reference (it must match ${pattern}).`
            : "A ticket or incident reference, if there is one."
        }
      />
    </main>
  );
}
