import { toggleFavoriteAction } from "@/app/(portal)/actions";
import { NoAccess } from "@/components/portal/no-access";
import { RequestableRoles } from "@/components/portal/requestable-roles";
import { RoleBrowser } from "@/components/portal/role-browser";
import { requireUser } from "@/lib/auth/session";
import { getDb } from "@/lib/db/client";
import { getEnv } from "@/lib/env";
import { getPortalHome } from "@/lib/portal/home-data";
import { packRoles } from "@/lib/portal/packed-roles";

export default async function PortalHomePage() {
  const user = await requireUser();
  const home = await getPortalHome({ db: getDb(), userId: user.id, groups: user.groups });
  const env = getEnv();
  return (
    <main className="mx-auto max-w-6xl px-4 py-4 sm:py-6">
      <h1 className="text-xl font-semibold sm:text-2xl">Welcome, {user.name ?? user.email}</h1>
      <p className="mt-1 text-sm text-slate-600">
        Signed in as {user.email}. Your groups:{" "}
        <span data-testid="user-groups">{user.groups.length ? user.groups.join(", ") : "none"}</span>
      </p>
      {home.roles.length === 0 ? (
        home.requestable.length === 0 && <NoAccess groups={user.groups} contact={env.AIRLOCK_SUPPORT_CONTACT} />
      ) : (
        <RoleBrowser
          packedRoles={packRoles(home.roles)}
          favoriteRoleIds={home.favoriteRoleIds}
          recentRoleIds={home.recentRoleIds}
          preferredRegion={home.preferredRegion}
          defaultRegion={env.AIRLOCK_AWS_REGION}
          preferredDestination={home.preferredDestination}
          origin={env.AIRLOCK_URL}
          toggleFavoriteAction={toggleFavoriteAction}
        />
      )}
      <RequestableRoles roles={home.requestable} />
    </main>
  );
}
