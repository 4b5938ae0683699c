import { BackHomeLink } from "@/components/back-home-link";
import { NotEntitled } from "@/components/portal/not-entitled";
import { getSessionUser } from "@/lib/auth/session";
import { getEnv } from "@/lib/env";

// 403 for a deep link to a role the person is not entitled to: says which, and whom to ask.
export default async function GoForbidden() {
  const user = await getSessionUser();
  return (
    <main className="mx-auto max-w-2xl px-4 py-10">
      <NotEntitled groups={user?.groups ?? []} contact={getEnv().AIRLOCK_SUPPORT_CONTACT} />
      <BackHomeLink />
    </main>
  );
}
