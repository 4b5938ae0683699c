import type { Metadata } from "next";
import { ScrollArea } from "@/components/admin/scroll-area";
import { requireAdmin } from "@/lib/auth/session";
import { getDb } from "@/lib/db/client";
import { describeAccessFor } from "@/lib/entitlements/effective-access";
import { formatDuration } from "@/components/portal/format-duration";

const when = (d: Date) => `${d.toISOString().slice(0, 16).replace("T", " ")} UTC`;

export const metadata: Metadata = { title: "Effective access · Admin" };

export default async function AccessPage({ searchParams }: { searchParams: Promise<{ q?: string }> }) {
  await requireAdmin();
  const q = ((await searchParams).q ?? "").slice(0, 320);
  const access = q.trim() ? await describeAccessFor({ db: getDb(), query: q }) : null;
  return (
    <main className="mt-6">
      <h1 className="text-xl font-semibold">Effective access</h1>
      <p className="mt-1 text-sm text-slate-600">
        What can a person (by email) or a group reach, and which mapping grants it? Answers &ldquo;why can&apos;t I see
        role X?&rdquo;. Emails match in any case; group names are case-sensitive, as your identity provider sends them.
      </p>
      <form className="mt-3 flex gap-2" role="search">
        <label className="flex-1">
          <span className="sr-only">Email or group</span>
          <input
            name="q"
            defaultValue={q}
            placeholder="alice@example.com or engineering"
            className="w-full rounded-md border border-slate-300 bg-white px-3 py-2"
          />
        </label>
        <button className="rounded-lg bg-slate-900 px-4 py-2 text-sm font-medium text-white">Look up</button>
      </form>
      {access && (
        <section aria-label="Result" className="mt-5">
          {!access.known ? (
            <p role="status">
              Nobody with the email {access.subject} has signed in yet, so their groups are unknown. Look up their
              groups instead.
            </p>
          ) : (
            <>
              <p className="text-sm text-slate-700">
                Groups: {access.groups.join(", ") || "none"}
                {access.lastLoginAt &&
                  ` (as of the sign-in on ${access.lastLoginAt.toISOString().slice(0, 16).replace("T", " ")} UTC)`}
              </p>
              {access.entitlements.length + access.eligible.length === 0 ? (
                <p role="status" className="mt-3">
                  No role is mapped to {access.groups.length > 1 ? "these groups" : "this group"}.
                  {access.differentCase.length > 0 &&
                    ` Group names are case-sensitive: roles are mapped to ${access.differentCase.join(", ")}.`}
                </p>
              ) : (
                <ScrollArea label="Roles reached" className="mt-3">
                  <table className="w-full rounded-xl border border-slate-200 bg-white text-sm">
                    <thead className="bg-slate-100 text-left">
                      <tr>
                        <th className="px-3 py-2">Account</th>
                        <th className="px-3 py-2">Role</th>
                        <th className="px-3 py-2">How</th>
                        <th className="px-3 py-2">Through group</th>
                        <th className="px-3 py-2">Longest session</th>
                        <th className="px-3 py-2">Default session</th>
                        <th className="px-3 py-2">Reason</th>
                        <th className="px-3 py-2">Access</th>
                        <th className="px-3 py-2">Step-up</th>
                      </tr>
                    </thead>
                    <tbody>
                      {access.entitlements.map((e) => (
                        <tr key={e.roleId} className="border-t border-slate-200">
                          <td className="px-3 py-2">
                            {e.account.name} <span className="font-mono text-xs text-slate-500">{e.account.id}</span>
                          </td>
                          <td className="px-3 py-2">{e.roleName}</td>
                          <td className="px-3 py-2">
                            {[
                              e.standing && "standing",
                              e.grant && `granted until ${when(e.grant.expiresAt)} (request ${e.grant.requestId})`,
                            ]
                              .filter(Boolean)
                              .join("; ")}
                          </td>
                          <td className="px-3 py-2">{e.viaGroups.join(", ")}</td>
                          <td className="px-3 py-2 whitespace-nowrap">{formatDuration(e.allowedSessionDuration)}</td>
                          <td className="px-3 py-2 whitespace-nowrap">{formatDuration(e.defaultSessionDuration)}</td>
                          <td className="px-3 py-2">{e.requireReason ? "required" : "optional"}</td>
                          <td className="px-3 py-2">{e.readOnlyFirst ? "read-only first" : "as the role"}</td>
                          <td className="px-3 py-2 whitespace-nowrap">
                            {e.stepUpMinutes ? `sign-in within ${e.stepUpMinutes} min` : "none"}
                          </td>
                        </tr>
                      ))}
                    </tbody>
                  </table>
                </ScrollArea>
              )}
              {access.eligible.length > 0 && (
                <ScrollArea label="Roles that may be requested" className="mt-5">
                  <h2 className="mb-2 font-semibold">May request (eligible)</h2>
                  <table className="w-full rounded-xl border border-slate-200 bg-white text-sm">
                    <thead className="bg-slate-100 text-left">
                      <tr>
                        <th className="px-3 py-2">Account</th>
                        <th className="px-3 py-2">Role</th>
                        <th className="px-3 py-2">Eligible through</th>
                        <th className="px-3 py-2">Approved by</th>
                        <th className="px-3 py-2">Longest grant</th>
                      </tr>
                    </thead>
                    <tbody>
                      {access.eligible.map((e) => (
                        <tr key={e.roleId} className="border-t border-slate-200">
                          <td className="px-3 py-2">
                            {e.account.name} <span className="font-mono text-xs text-slate-500">{e.account.id}</span>
                          </td>
                          <td className="px-3 py-2">{e.roleName}</td>
                          <td className="px-3 py-2">{e.viaGroups.join(", ")}</td>
                          <td className="px-3 py-2">
                            {[...e.approverGroups, ...(e.adminsApprove ? ["Airlock admins"] : [])].join(", ")}
                            {e.approvalsRequired > 1 ? ` (${e.approvalsRequired} approvals)` : ""}
                          </td>
                          <td className="px-3 py-2 whitespace-nowrap">{formatDuration(e.maxGrantSeconds)}</td>
                        </tr>
                      ))}
                    </tbody>
                  </table>
                </ScrollArea>
              )}
            </>
          )}
        </section>
      )}
    </main>
  );
}
