import { BackHomeLink } from "@/components/back-home-link";
import { ProblemPage } from "@/components/problem-page";
import { NotEntitled } from "@/components/portal/not-entitled";
import { getSessionUser } from "@/lib/auth/session";
import { getEnv } from "@/lib/env";

// 403 for a deep link to a role the person is not entitled to: says which, and whom to ask.
export default async function GoForbidden() {
  const user = await getSessionUser();
  return (
    <ProblemPage>
      <NotEntitled groups={user?.groups ?? []} contact={getEnv().AIRLOCK_SUPPORT_CONTACT} />
      <BackHomeLink />
    </ProblemPage>
  );
}
