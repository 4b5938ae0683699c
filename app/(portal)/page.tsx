import { toggleFavoriteAction } from "@/app/(portal)/actions";
import { RoleBrowser } from "@/components/portal/role-browser";
import { requireUser } from "@/lib/auth/session";
import { getDb } from "@/lib/db/client";
import { getEnv } from "@/lib/env";
import { getPortalHome } from "@/lib/portal/home-data";

export default async function PortalHomePage() {
  const user = await requireUser();
  const home = await getPortalHome({ db: getDb(), userId: user.id, groups: user.groups });
  const env = getEnv();
  return (
    <main className="mx-auto max-w-6xl px-4 py-6">
      <h1 className="text-2xl font-semibold">Welcome, {user.name ?? user.email}</h1>
      <p className="mt-1 text-sm text-slate-600">
        Signed in as {user.email}. Your groups:{" "}
        <span data-testid="user-groups">{user.groups.length ? user.groups.join(", ") : "none"}</span>
      </p>
      {home.roles.length === 0 ? (
        <section role="status" className="mt-8 rounded-xl border border-slate-200 bg-white p-6">
          <h2 className="text-lg font-semibold">You have no AWS access yet</h2>
          <p className="mt-2 text-slate-700">
            None of your groups is mapped to an AWS role. Ask {env.AIRLOCK_SUPPORT_CONTACT} to add one of your groups to
            the roles you need; they will appear here when you next load this page.
          </p>
        </section>
      ) : (
        <RoleBrowser
          roles={home.roles}
          favoriteRoleIds={home.favoriteRoleIds}
          recentRoleIds={home.recentRoleIds}
          preferredRegion={home.preferredRegion}
          defaultRegion={env.AIRLOCK_AWS_REGION}
          origin={env.AIRLOCK_URL}
          toggleFavoriteAction={toggleFavoriteAction}
        />
      )}
    </main>
  );
}
