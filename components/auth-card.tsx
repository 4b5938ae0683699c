import type { ReactNode } from "react";
import { AirlockLogo } from "@/components/airlock-logo";

/** The centred card of the signed-out pages. */
export function AuthCard({ title, children }: { title: string; children: ReactNode }) {
  return (
    <main className="flex min-h-screen items-center justify-center p-4 sm:p-6">
      <div className="w-full max-w-md rounded-2xl border border-slate-200 bg-white p-6 shadow-sm sm:p-8">
        <div className="flex items-center gap-3">
          <AirlockLogo />
          <span className="text-xl font-semibold tracking-tight">Airlock</span>
        </div>
        <h1 className="mt-8 text-2xl font-semibold">{title}</h1>
        {children}
      </div>
    </main>
  );
}
