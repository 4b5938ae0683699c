import type { Metadata } from "next";
import Link from "next/link";
import { requireAdmin } from "@/lib/auth/session";
import { getDb } from "@/lib/db/client";
import { searchPeople } from "@/lib/people/queries";

export const metadata: Metadata = { title: "People · Admin" };

const when = (d: Date) => `${d.toISOString().slice(0, 16).replace("T", " ")} UTC`;

// /admin/people?q=: find a person, to see their groups and sessions or revoke their access
export default async function PeoplePage({ searchParams }: { searchParams: Promise<{ q?: string }> }) {
  await requireAdmin();
  const q = ((await searchParams).q ?? "").slice(0, 320);
  const people = await searchPeople({ db: getDb(), query: q });
  return (
    <main className="mt-6">
      <h1 className="text-xl font-semibold">People</h1>
      <p className="mt-1 text-sm text-slate-600">
        Everyone who has signed in to Airlock. Open a person to see their groups, their Airlock sessions and the AWS
        sessions they still hold, or to revoke their access.
      </p>
      <form className="mt-3 flex gap-2" role="search">
        <label className="flex-1">
          <span className="sr-only">Email, name or username</span>
          <input
            name="q"
            defaultValue={q}
            placeholder="alice@example.com"
            className="w-full rounded-md border border-slate-300 bg-white px-3 py-2"
          />
        </label>
        <button className="rounded-lg bg-slate-900 px-4 py-2 text-sm font-medium text-white">Find</button>
      </form>
      {people.length === 0 ? (
        <p role="status" className="mt-4 text-sm">
          {q ? `Nobody matching “${q}” has signed in to Airlock.` : "Nobody has signed in to Airlock yet."}
        </p>
      ) : (
        <ul aria-label="People" className="mt-4 divide-y divide-slate-200 rounded-xl border border-slate-200 bg-white">
          {people.map((p) => (
            <li key={p.id} className="flex flex-wrap items-baseline justify-between gap-2 px-4 py-3 text-sm">
              <Link href={`/admin/people/${p.id}`} className="font-medium text-slate-900 underline">
                {p.name ? `${p.name} (${p.email})` : p.email}
              </Link>
              <span className="text-slate-600">
                {p.suspendedAt && <span className="mr-2 rounded bg-red-100 px-1.5 py-0.5 text-red-800">suspended</span>}
                {p.groups.join(", ") || "no groups"} · last sign-in {when(p.lastLoginAt)}
              </span>
            </li>
          ))}
        </ul>
      )}
    </main>
  );
}
