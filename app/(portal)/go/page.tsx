import type { Metadata } from "next";
import { BackHomeLink } from "@/components/back-home-link";
import { ProblemPage } from "@/components/problem-page";
import { forbidden, redirect } from "next/navigation";
import { headers } from "next/headers";
import { ConfirmConsole } from "@/components/portal/confirm-console";
import { LinkProblems } from "@/components/portal/link-problems";
import { requireUser } from "@/lib/auth/session";
import { stepUpPath } from "@/lib/auth/step-up-path";
import { getDb } from "@/lib/db/client";
import { getEnv } from "@/lib/env";
import { resolveAccountId } from "@/lib/entitlements/store";
import { toAppError } from "@/lib/errors";
import { openConsole, previewConsoleRequest, type ConsolePreview } from "@/lib/portal/open-console";
import { getClientInfo } from "@/lib/http/client-info";
import { isClickOnAirlockPage } from "@/lib/http/request-origin";
import { findDeepLinkProblems, type DeepLinkParams } from "@/lib/portal/deep-link";
import { buildGoLink } from "@/lib/portal/go-link";
import { openConsoleAction } from "./actions";

export const metadata: Metadata = { title: "Open console" };

// /go?account=<id or name>&role=<name>&region=&destination=&access=: deep link that re-checks the
// entitlement, and asks for a click before issuing unless it was clicked on one of Airlock's own pages
export default async function GoPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  // A repeated parameter arrives as an array: only single values count.
  const entries = Object.entries(await searchParams).filter((e): e is [string, string] => typeof e[1] === "string");
  const params: DeepLinkParams = Object.fromEntries(entries);
  const user = await requireUser();
  const problems = findDeepLinkProblems(params);
  if (problems.length > 0)
    return (
      <ProblemPage>
        <LinkProblems problems={problems} origin={getEnv().AIRLOCK_URL} />
        <BackHomeLink />
      </ProblemPage>
    );
  const db = getDb();
  // An unknown account name answers like an account the person cannot reach.
  const accountId = await resolveAccountId({ db, account: params.account ?? "" });
  if (!accountId) forbidden();
  const requestHeaders = await headers();
  const clicked = isClickOnAirlockPage(requestHeaders);
  const input = {
    accountId,
    roleName: params.role ?? "",
    region: params.region || undefined,
    destination: params.destination || undefined,
    access: params.access || undefined,
  };
  let url: string | undefined;
  let preview: ConsolePreview | undefined;
  let problem: string | undefined;
  let signInAgain: string | undefined;
  try {
    // A link from elsewhere costs a click on Airlock's page; a role that requires a reason asks for
    // it there, and write access on a read-only-first role is always confirmed there.
    const checked = await previewConsoleRequest({ db, user, input });
    if (clicked && !checked.requireReason && checked.access !== "write")
      url = await openConsole({ db, user, input, client: getClientInfo(requestHeaders) });
    else preview = checked;
  } catch (error) {
    const known = toAppError(error);
    // A role the person may request: the link leads to a request for it, filled in.
    if (known.code === "forbidden" && known.details?.requestable)
      redirect(`/requests/new?${new URLSearchParams({ account: accountId, role: input.roleName })}`);
    if (known.code === "forbidden") forbidden();
    // A step-up is the person's to start (never an automatic redirect: an IdP that ignores the
    // forced authentication would send them round forever), and comes back here.
    if (known.code === "step_up_required") signInAgain = stepUpPath(known, buildGoLink(input));
    problem = known.message;
  }
  if (url) redirect(url);
  return (
    <ProblemPage
      title={
        preview ? "Open the AWS console?" : signInAgain ? "Sign in again first" : "The AWS console could not be opened"
      }
    >
      {preview ? (
        <>
          <p className="mt-4 text-slate-700">
            {preview.requireReason
              ? "This role requires a reason for every session: say why you need it, then open the console."
              : preview.readOnlyFirst
                ? "This role opens read-only unless you ask for write access. Check where the link leads before you go on."
                : "A link asks Airlock to sign you in to the AWS console. Check where it leads before you go on."}
          </p>
          <ConfirmConsole
            preview={preview}
            initialWrite={clicked && preview.access === "write"}
            action={openConsoleAction}
          />
        </>
      ) : (
        <>
          <p role="alert" className="mt-4 text-slate-700">
            {problem}
          </p>
          {signInAgain && (
            <a
              href={signInAgain}
              className="mt-4 inline-block rounded-lg bg-slate-900 px-4 py-2 font-medium text-white hover:bg-slate-700 focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-amber-500"
            >
              Sign in again
            </a>
          )}
        </>
      )}
      <BackHomeLink />
    </ProblemPage>
  );
}
