import type { Metadata } from "next";
import Link from "next/link";
import { redirect } from "next/navigation";
import { headers } from "next/headers";
import { requireUser } from "@/lib/auth/session";
import { getDb } from "@/lib/db/client";
import { resolveAccountId } from "@/lib/entitlements/store";
import { getEnv } from "@/lib/env";
import { toAppError } from "@/lib/errors";
import { requestConsoleUrl } from "@/lib/federation/requests";
import { getClientInfo } from "@/lib/http/client-info";

export const metadata: Metadata = { title: "Open console" };

type Params = { account?: string; role?: string; region?: string; destination?: string };

// /go?account=<id or name>&role=<name>&region=&destination=: deep link that re-checks the entitlement
export default async function GoPage({ searchParams }: { searchParams: Promise<Params> }) {
  const params = await searchParams;
  const query = new URLSearchParams(
    Object.entries(params).filter((e): e is [string, string] => typeof e[1] === "string"),
  ).toString();
  const user = await requireUser(`/go?${query}`);
  const account = params.account ?? "";
  const role = params.role ?? "";
  const db = getDb();
  let url: string;
  try {
    const accountId = (await resolveAccountId({ db, account })) ?? account;
    url = await requestConsoleUrl({
      db,
      user,
      input: {
        accountId,
        roleName: role,
        region: params.region || undefined,
        destination: params.destination || undefined,
      },
      client: getClientInfo(await headers()),
    });
  } catch (error) {
    const problem = toAppError(error);
    const forbidden =
      problem.code === "forbidden" ||
      (problem.code === "invalid_input" && /accountId/.test(problem.message) && account !== "");
    return (
      <main className="mx-auto max-w-2xl px-4 py-10">
        <p className="text-sm font-semibold uppercase tracking-wide text-red-700">
          {forbidden ? "403 · Not entitled" : "Could not open the console"}
        </p>
        <h1 className="mt-2 text-2xl font-semibold">
          {forbidden
            ? `You cannot open ${role || "this role"} in ${account || "this account"}`
            : "The AWS console could not be opened"}
        </h1>
        <p role="alert" className="mt-4 text-slate-700">
          {forbidden
            ? `None of your groups (${user.groups.join(", ") || "none"}) is mapped to role ${role} in account ${account}. Ask ${getEnv().AIRLOCK_SUPPORT_CONTACT} to map one of your groups to it, naming the account and role.`
            : problem.message}
        </p>
        <Link
          href="/"
          className="mt-6 inline-block rounded-lg bg-slate-900 px-4 py-2.5 font-medium text-white hover:bg-slate-700"
        >
          Back to your accounts
        </Link>
      </main>
    );
  }
  redirect(url);
}
