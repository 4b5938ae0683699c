import { getDb } from "@/lib/db/client";
import { listEntitlementsForGroups } from "@/lib/entitlements/store";
import { requireUser } from "@/lib/auth/session";
import { getEnv } from "@/lib/env";

export default async function PortalHomePage() {
  const user = await requireUser("/");
  const entitlements = await listEntitlementsForGroups({ db: getDb(), groups: user.groups });
  return (
    <main className="mx-auto max-w-6xl px-4 py-6">
      <h1 className="text-2xl font-semibold">Welcome, {user.name ?? user.email}</h1>
      <p className="mt-1 text-sm text-slate-600">
        Signed in as {user.email}. Your groups:{" "}
        <span data-testid="user-groups">{user.groups.length ? user.groups.join(", ") : "none"}</span>
      </p>
      {entitlements.length === 0 ? (
        <section role="status" className="mt-8 rounded-xl border border-slate-200 bg-white p-6">
          <h2 className="text-lg font-semibold">You have no AWS access yet</h2>
          <p className="mt-2 text-slate-700">
            None of your groups is mapped to an AWS role. Ask {getEnv().AIRLOCK_SUPPORT_CONTACT} to add one of your
            groups to the roles you need; they will appear here when you next load this page.
          </p>
        </section>
      ) : (
        <ul className="mt-6 space-y-2">
          {entitlements.map((e) => (
            <li key={e.roleId} className="rounded-lg border border-slate-200 bg-white px-4 py-3">
              <span className="font-medium">{e.account.name}</span>{" "}
              <span className="text-slate-500">({e.account.id})</span> · {e.roleName}
            </li>
          ))}
        </ul>
      )}
    </main>
  );
}
