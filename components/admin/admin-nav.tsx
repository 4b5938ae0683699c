"use client";

import Link from "next/link";
import { usePathname } from "next/navigation";

const sections = [
  ["/admin/accounts", "Accounts & roles"],
  ["/admin/access", "Effective access"],
  ["/admin/people", "People"],
  ["/admin/config", "Config as code"],
  ["/admin/audit", "Audit log"],
  ["/admin/aws-setup", "AWS setup"],
] as const;

/** The admin sections, with the one on screen marked (visibly and as aria-current). */
export function AdminNav() {
  const pathname = usePathname();
  return (
    <nav aria-label="Admin" className="-mx-4 overflow-x-auto border-b border-slate-200 px-4 pb-3 text-sm">
      <ul className="flex min-w-max gap-2 sm:min-w-0 sm:flex-wrap">
        {sections.map(([href, label]) => {
          const isCurrent = pathname === href || pathname.startsWith(`${href}/`);
          return (
            <li key={href}>
              <Link
                href={href}
                aria-current={isCurrent ? "page" : undefined}
                className={`block rounded-md px-3 py-1.5 font-medium whitespace-nowrap ${isCurrent ? "bg-slate-900 text-white" : "text-slate-700 hover:bg-slate-200"}`}
              >
                {label}
              </Link>
            </li>
          );
        })}
      </ul>
    </nav>
  );
}
