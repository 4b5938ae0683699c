import Link from "next/link";
import { AirlockLogo } from "@/components/airlock-logo";
import { SignOutButton } from "@/components/sign-out-button";

export function PortalHeader({ name, email, isAdmin }: { name: string; email: string; isAdmin: boolean }) {
  return (
    <header className="bg-slate-900 text-white">
      <div className="mx-auto flex max-w-6xl items-center justify-between gap-3 px-4 py-3">
        <Link
          href="/"
          className="flex items-center gap-2 rounded focus-visible:outline-2 focus-visible:outline-amber-400"
        >
          <AirlockLogo className="h-7 w-7" />
          {/* On a phone the nav needs the room: the name stays for assistive technology. */}
          <span className="sr-only font-semibold sm:not-sr-only">Airlock</span>
        </Link>
        <nav aria-label="Account" className="flex items-center gap-1 text-sm sm:gap-2">
          <Link
            href="/requests"
            className="rounded-md px-2 py-1.5 font-medium text-slate-200 hover:bg-slate-800 hover:text-white sm:px-3"
          >
            Requests
          </Link>
          <Link
            href="/terminal"
            className="rounded-md px-2 py-1.5 font-medium text-slate-200 hover:bg-slate-800 hover:text-white sm:px-3"
          >
            Terminal
          </Link>
          {isAdmin && (
            <Link
              href="/admin"
              className="rounded-md px-2 py-1.5 font-medium text-slate-200 hover:bg-slate-800 hover:text-white sm:px-3"
            >
              Admin
            </Link>
          )}
          <Link
            href="/sessions"
            title={`${email}: your sessions`}
            className="hidden rounded-md px-2 py-1.5 text-slate-300 hover:bg-slate-800 hover:text-white sm:inline"
          >
            {name}
          </Link>
          <SignOutButton />
        </nav>
      </div>
    </header>
  );
}
