import Link from "next/link";
import { EnvironmentBadge } from "@/components/portal/environment-badge";
import { formatDuration } from "@/components/portal/format-duration";
import type { RequestableRole } from "@/lib/portal/home-data";

/** Roles the person may request (eligible mappings): each with "Request access", or its waiting request. */
export function RequestableRoles({ roles }: { roles: RequestableRole[] }) {
  if (roles.length === 0) return null;
  return (
    <section aria-labelledby="requestable-heading" className="mt-8">
      <h2 id="requestable-heading" className="text-lg font-semibold">
        Roles you can request
      </h2>
      <p className="mt-1 text-sm text-slate-600">
        Access for a while, once an approver agrees. Say why you need it; you can end it early.
      </p>
      <ul className="mt-3 divide-y divide-slate-200 rounded-xl border border-slate-200 bg-white">
        {roles.map((role) => (
          <li key={role.roleId} className="flex flex-wrap items-center justify-between gap-3 px-4 py-3">
            <div className="min-w-0 text-sm">
              <span className="mr-2 inline-flex items-center gap-1.5 align-middle">
                <span className="font-semibold">{role.accountName}</span>
                <EnvironmentBadge environment={role.environment} />
              </span>
              <span className="font-semibold">{role.roleName}</span>
              <span className="text-slate-600"> · for up to {formatDuration(role.maxGrantSeconds)}</span>
              {role.description && <span className="block truncate text-slate-600">{role.description}</span>}
            </div>
            {role.pendingRequestId ? (
              <Link
                href={`/requests#${role.pendingRequestId}`}
                className="rounded-md bg-amber-100 px-3 py-1.5 text-sm font-medium text-amber-900 hover:bg-amber-200"
              >
                Waiting for approval
                <span className="sr-only">
                  {" "}
                  of {role.accountName} {role.roleName}
                </span>
              </Link>
            ) : (
              <Link
                href={`/requests/new?${new URLSearchParams({ account: role.accountId, role: role.roleName })}`}
                className="rounded-md border border-slate-300 px-3 py-1.5 text-sm font-medium text-slate-800 hover:bg-slate-50"
              >
                Request access
                <span className="sr-only">
                  {" "}
                  to {role.accountName} {role.roleName}
                </span>
              </Link>
            )}
          </li>
        ))}
      </ul>
    </section>
  );
}
