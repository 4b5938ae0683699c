import type { Metadata } from "next";
import Link from "next/link";
import { AuditTable } from "@/components/admin/audit-table";
import { auditActionOptions } from "@/lib/audit/action-options";
import { listAuditEvents, parseAuditFilter } from "@/lib/audit/query";
import { requireAdmin } from "@/lib/auth/session";
import { getDb } from "@/lib/db/client";
import { listAccountNames } from "@/lib/entitlements/admin-queries";

export const metadata: Metadata = { title: "Audit log · Admin" };

type Params = Record<string, string | undefined>;
const textFilters = [
  ["actor", "Person"],
  ["accountId", "Account id"],
  ["roleName", "Role"],
] as const;
const input = "mt-1 block w-full rounded-md border border-slate-300 bg-white px-2 py-1";

// /admin/audit: every issuance and admin change, as sentences with their details, filtered and exported
export default async function AuditPage({ searchParams }: { searchParams: Promise<Params> }) {
  await requireAdmin();
  const filter = parseAuditFilter(await searchParams);
  const db = getDb();
  const [{ events, total, pages }, accountNames] = await Promise.all([
    listAuditEvents({ db, filter }),
    listAccountNames({ db }),
  ]);
  const query = (extra: Params) =>
    new URLSearchParams(
      Object.entries({ ...filter, ...extra }).flatMap(([k, v]) =>
        v === undefined || v === "" ? [] : [[k, String(v)]],
      ),
    ).toString();
  const isKnownAction = auditActionOptions.some(([value]) => value === filter.action);
  return (
    <main className="mt-6">
      <h1 className="text-xl font-semibold">Audit log</h1>
      <form className="mt-3 grid grid-cols-2 gap-2 text-sm sm:grid-cols-4" aria-label="Filters">
        {textFilters.map(([name, label]) => (
          <label key={name}>
            {label}
            <input name={name} defaultValue={filter[name] ?? ""} className={input} />
          </label>
        ))}
        <label>
          Action
          <select name="action" defaultValue={filter.action ?? ""} className={input}>
            <option value="">Any action</option>
            {auditActionOptions.map(([value, label]) => (
              <option key={value} value={value}>
                {label}
              </option>
            ))}
            {filter.action && !isKnownAction && <option value={filter.action}>{filter.action}</option>}
          </select>
        </label>
        <label>
          Outcome
          <select name="outcome" defaultValue={filter.outcome ?? ""} className={input}>
            <option value="">Any outcome</option>
            <option>success</option>
            <option>failure</option>
            <option>denied</option>
            <option value="pending">pending (completion not recorded)</option>
          </select>
        </label>
        <label>
          From
          <input type="date" name="from" defaultValue={filter.from ?? ""} className={input} />
        </label>
        <label>
          To
          <input type="date" name="to" defaultValue={filter.to ?? ""} className={input} />
        </label>
        <div className="col-span-2 flex flex-wrap items-end gap-2 sm:col-span-1">
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
      <div className="mt-2">
        <AuditTable events={events} accountNames={accountNames} />
      </div>
      <nav aria-label="Pages" className="mt-3 flex gap-4 text-sm">
        {filter.page > 1 && <Link href={`/admin/audit?${query({ page: String(filter.page - 1) })}`}>← Newer</Link>}
        {filter.page < pages && <Link href={`/admin/audit?${query({ page: String(filter.page + 1) })}`}>Older →</Link>}
      </nav>
    </main>
  );
}
