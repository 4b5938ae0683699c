import type { ReactNode } from "react";
import { AdminNav } from "@/components/admin/admin-nav";
import { PortalHeader } from "@/components/portal-header";
import { getSessionUser } from "@/lib/auth/session";

// Presentation only: Next renders a page without its layout (navigation requests), so every admin
// page, action and handler checks admin rights itself, and redirects or answers 403 with the path
// the person asked for (a redirect here would lose it).
export default async function AdminLayout({ children }: { children: ReactNode }) {
  const user = await getSessionUser();
  if (!user?.isAdmin) return children;
  return (
    <>
      <PortalHeader name={user.name ?? user.email} email={user.email} isAdmin />
      <div className="mx-auto max-w-6xl px-4 py-6">
        <AdminNav />
        {children}
      </div>
    </>
  );
}
