import Link from "next/link";
import type { ReactNode } from "react";
import { PortalHeader } from "@/components/portal-header";
import { getSessionUser } from "@/lib/auth/session";

const sections = [
  ["/admin/accounts", "Accounts & roles"],
  ["/admin/access", "Effective access"],
  ["/admin/people", "People"],
  ["/admin/config", "Config as code"],
  ["/admin/audit", "Audit log"],
  ["/admin/aws-setup", "AWS setup"],
] as const;

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
        <nav aria-label="Admin" className="flex flex-wrap gap-2 border-b border-slate-200 pb-3 text-sm">
          {sections.map(([href, label]) => (
            <Link
              key={href}
              href={href}
              className="rounded-md px-3 py-1.5 font-medium text-slate-700 hover:bg-slate-200"
            >
              {label}
            </Link>
          ))}
        </nav>
        {children}
      </div>
    </>
  );
}
