import type { ReactNode } from "react";
import { AirlockLogo } from "@/components/airlock-logo";
import { PortalHeader } from "@/components/portal-header";
import type { PortalUser } from "@/lib/auth/session";

/**
 * A branded page for a status (403, 404) rendered outside the portal and admin layouts: the
 * header (the signed-in one, or just the brand), what happened, and the way on (`children`).
 */
export function StatusMessage({
  user,
  label,
  title,
  children,
}: {
  user: PortalUser | null;
  label: string;
  title: string;
  children: ReactNode;
}) {
  return (
    <>
      {user ? (
        <PortalHeader name={user.name ?? user.email} email={user.email} isAdmin={user.isAdmin} />
      ) : (
        <header className="bg-slate-900 text-white">
          <div className="mx-auto flex max-w-6xl items-center gap-2 px-4 py-3">
            <AirlockLogo className="h-7 w-7" />
            <span className="font-semibold">Airlock</span>
          </div>
        </header>
      )}
      <main className="mx-auto max-w-2xl px-4 py-10">
        <p className="text-sm font-semibold tracking-wide text-slate-600 uppercase">{label}</p>
        <h1 className="mt-2 text-2xl font-semibold">{title}</h1>
        {children}
      </main>
    </>
  );
}
