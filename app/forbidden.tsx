import type { Metadata } from "next";
import { BackHomeLink } from "@/components/back-home-link";
import { StatusMessage } from "@/components/status-message";
import { getSessionUser } from "@/lib/auth/session";
import { getEnv } from "@/lib/env";

export const metadata: Metadata = { title: "Administrators only" };

// 403 for the admin console: what it is for and whom to ask, in a person's terms.
export default async function Forbidden() {
  const user = await getSessionUser();
  const contact = getEnv().AIRLOCK_SUPPORT_CONTACT;
  return (
    <StatusMessage user={user} label="403 · Administrators only" title="Only Airlock administrators can open this page">
      <p className="mt-4 text-slate-700">
        The admin console is where administrators decide who can reach which AWS account and role. If you need access to
        a role, or think you should be an administrator, ask an Airlock administrator
        {contact ? `: ${contact}` : ""}.
      </p>
      <BackHomeLink />
    </StatusMessage>
  );
}
