import type { ReactNode } from "react";
import { PortalHeader } from "@/components/portal-header";
import { requireUser } from "@/lib/auth/session";

export default async function PortalLayout({ children }: { children: ReactNode }) {
  const user = await requireUser();
  return (
    <>
      <PortalHeader name={user.name ?? user.email} email={user.email} isAdmin={user.isAdmin} />
      {children}
    </>
  );
}
