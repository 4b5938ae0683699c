import { BackHomeLink } from "@/components/back-home-link";

export default function Forbidden() {
  return (
    <main className="mx-auto max-w-2xl px-4 py-10">
      <p className="text-sm font-semibold tracking-wide text-red-700 uppercase">403 · Forbidden</p>
      <h1 className="mt-2 text-2xl font-semibold">Only Airlock administrators can open this page</h1>
      <p className="mt-4 text-slate-700">
        Administrators are the members of the IdP groups configured in AIRLOCK_ADMIN_GROUPS. If you need to change who
        can reach which AWS role, ask one of them.
      </p>
      <BackHomeLink />
    </main>
  );
}
