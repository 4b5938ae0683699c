import type { Metadata } from "next";
import Link from "next/link";
import { listAuditEvents, parseAuditFilter } from "@/lib/audit/query";
import { requireAdmin } from "@/lib/auth/session";
import { getDb } from "@/lib/db/client";

export const metadata: Metadata = { title: "Audit log · Admin" };

type Params = Record<string, string | undefined>;
const filterFields = [
  ["actor", "Person"],
  ["accountId", "Account id"],
  ["roleName", "Role"],
  ["action", "Action"],
] as const;

export default async function AuditPage({ searchParams }: { searchParams: Promise<Params> }) {
  await requireAdmin();
  const filter = parseAuditFilter(await searchParams);
  const { events, total, pages } = await listAuditEvents({ db: getDb(), filter });
  const query = (extra: Params) =>
    new URLSearchParams(
      Object.entries({ ...filter, ...extra }).flatMap(([k, v]) =>
        v === undefined || v === "" ? [] : [[k, String(v)]],
      ),
    ).toString();
  return (
    <main className="mt-6">
      <h1 className="text-xl font-semibold">Audit log</h1>
      <form className="mt-3 grid gap-2 text-sm sm:grid-cols-4" aria-label="Filters">
        {filterFields.map(([name, label]) => (
          <label key={name}>
            {label}
            <input
              name={name}
              defaultValue={filter[name] ?? ""}
              className="mt-1 block w-full rounded-md border border-slate-300 bg-white px-2 py-1"
            />
          </label>
        ))}
        <label>
          Outcome
          <select
            name="outcome"
            defaultValue={filter.outcome ?? ""}
            className="mt-1 block w-full rounded-md border border-slate-300 bg-white px-2 py-1"
          >
            <option value="">any</option>
            <option>success</option>
            <option>failure</option>
            <option>denied</option>
          </select>
        </label>
        <label>
          From
          <input
            type="date"
            name="from"
            defaultValue={filter.from ?? ""}
            className="mt-1 block w-full rounded-md border border-slate-300 bg-white px-2 py-1"
          />
        </label>
        <label>
          To
          <input
            type="date"
            name="to"
            defaultValue={filter.to ?? ""}
            className="mt-1 block w-full rounded-md border border-slate-300 bg-white px-2 py-1"
          />
        </label>
        <div className="flex items-end gap-2">
          <button className="rounded-lg bg-slate-900 px-3 py-1.5 font-medium text-white">Filter</button>
          <a
            href={`/admin/audit/export?${query({ page: undefined, format: "csv" })}`}
            className="rounded-lg border border-slate-300 bg-white px-3 py-1.5"
          >
            CSV
          </a>
          <a
            href={`/admin/audit/export?${query({ page: undefined, format: "json" })}`}
            className="rounded-lg border border-slate-300 bg-white px-3 py-1.5"
          >
            JSON
          </a>
        </div>
      </form>
      <p className="mt-3 text-sm text-slate-600">
        {total} event{total === 1 ? "" : "s"} · page {filter.page} of {pages}
      </p>
      <div className="mt-2 overflow-x-auto">
        <table className="w-full rounded-xl border border-slate-200 bg-white text-xs">
          <thead className="bg-slate-100 text-left">
            <tr>
              {["Time (UTC)", "Action", "Outcome", "Reason", "Person", "Account", "Role", "Access key", "Details"].map(
                (h) => (
                  <th key={h} className="px-2 py-2">
                    {h}
                  </th>
                ),
              )}
            </tr>
          </thead>
          <tbody>
            {events.map((e) => (
              <tr key={e.id} className="border-t border-slate-200 align-top" data-testid="audit-row">
                <td className="px-2 py-1 whitespace-nowrap">
                  {e.createdAt.toISOString().replace("T", " ").slice(0, 19)}
                </td>
                <td className="px-2 py-1">{e.action}</td>
                <td className="px-2 py-1">{e.outcome}</td>
                <td className="px-2 py-1">{e.reason}</td>
                <td className="px-2 py-1">{e.actor}</td>
                <td className="px-2 py-1 font-mono">{e.accountId}</td>
                <td className="px-2 py-1">{e.roleName}</td>
                <td className="px-2 py-1 font-mono">{e.accessKeyId}</td>
                <td className="max-w-md px-2 py-1 font-mono break-all">{e.details}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <nav aria-label="Pages" className="mt-3 flex gap-2 text-sm">
        {filter.page > 1 && <Link href={`/admin/audit?${query({ page: String(filter.page - 1) })}`}>← Newer</Link>}
        {filter.page < pages && <Link href={`/admin/audit?${query({ page: String(filter.page + 1) })}`}>Older →</Link>}
      </nav>
    </main>
  );
}
