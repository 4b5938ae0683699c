"use client";

import { useSearchParams } from "next/navigation";

/** The deep link's account and role (a forbidden boundary gets no props) and whom to ask for them. */
export function NotEntitled({ groups, contact }: { groups: string[]; contact: string }) {
  const params = useSearchParams();
  const account = params.get("account") || "this account";
  const role = params.get("role") || "this role";
  return (
    <>
      <p className="text-sm font-semibold tracking-wide text-red-700 uppercase">403 · Not entitled</p>
      <h1 className="mt-2 text-2xl font-semibold">
        You cannot open {role} in {account}
      </h1>
      <p role="alert" className="mt-4 text-slate-700">
        None of your groups ({groups.join(", ") || "none"}) is mapped to role {role} in account {account}. Ask {contact}{" "}
        to map one of your groups to it, naming the account and role.
      </p>
    </>
  );
}
