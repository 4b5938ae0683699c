import Link from "next/link";

// 404 inside the admin console (an account or person that does not exist, or no longer does),
// rendered within the admin layout: its header and sections stay on screen.
export default function AdminNotFound() {
  return (
    <main className="mt-6 max-w-2xl">
      <p className="text-sm font-semibold tracking-wide text-slate-600 uppercase">404 · Not found</p>
      <h1 className="mt-2 text-xl font-semibold">Nothing here</h1>
      <p className="mt-3 text-slate-700">
        There is no such account or person in Airlock: the link may be mistyped, or someone deleted it. The audit log
        records who deleted what.
      </p>
      <div className="mt-5 flex flex-wrap gap-3">
        <Link href="/admin/accounts" className="rounded-lg bg-slate-900 px-4 py-2 font-medium text-white">
          All accounts
        </Link>
        <Link href="/admin/audit" className="rounded-lg border border-slate-300 bg-white px-4 py-2 font-medium">
          Audit log
        </Link>
      </div>
    </main>
  );
}
