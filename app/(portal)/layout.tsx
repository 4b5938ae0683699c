import type { ReactNode } from "react";
import { PortalHeader } from "@/components/portal-header";
import { getSessionUser } from "@/lib/auth/session";

// Presentation only: every portal page checks the session itself and sends a person who must sign
// in (or re-check their groups) there with the exact path and query they asked for.
export default async function PortalLayout({ children }: { children: ReactNode }) {
  const user = await getSessionUser();
  if (!user) return children;
  return (
    <>
      <PortalHeader name={user.name ?? user.email} email={user.email} isAdmin={user.isAdmin} />
      {children}
    </>
  );
}
