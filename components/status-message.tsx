import type { ReactNode } from "react";
import { AirlockLogo } from "@/components/airlock-logo";
import { PortalHeader } from "@/components/portal-header";
import { ProblemPage } from "@/components/problem-page";
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
      <ProblemPage label={label} title={title}>
        {children}
      </ProblemPage>
    </>
  );
}
