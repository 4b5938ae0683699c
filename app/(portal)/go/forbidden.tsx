import Link from "next/link";
import { NotEntitled } from "@/components/portal/not-entitled";
import { getSessionUser } from "@/lib/auth/session";
import { getEnv } from "@/lib/env";

// 403 for a deep link to a role the person is not entitled to: says which, and whom to ask.
export default async function GoForbidden() {
  const user = await getSessionUser();
  return (
    <main className="mx-auto max-w-2xl px-4 py-10">
      <NotEntitled groups={user?.groups ?? []} contact={getEnv().AIRLOCK_SUPPORT_CONTACT} />
      <Link
        href="/"
        className="mt-6 inline-block rounded-lg bg-slate-900 px-4 py-2.5 font-medium text-white hover:bg-slate-700"
      >
        Back to your accounts
      </Link>
    </main>
  );
}
