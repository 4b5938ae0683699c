"use client";

import { memo } from "react";
import { CopyButton } from "@/components/portal/copy-button";
import { EnvironmentBadge } from "@/components/portal/environment-badge";
import { formatDuration } from "@/components/portal/format-duration";
import { GrantBadge } from "@/components/portal/grant-badge";
import type { PortalRole } from "@/lib/portal/home-data";

type RowProps = {
  role: PortalRole;
  cellId: string;
  /** Favorites and recents name the account in the row; grouped rows sit under its header. */
  showAccount: boolean;
  isActive: boolean;
  isFavorite: boolean;
  href: string;
  origin: string;
  onToggleFavorite: (role: PortalRole) => void;
  onCredentials: (role: PortalRole) => void;
};

const action = "rounded-lg px-3 py-1.5 text-center text-sm font-medium whitespace-nowrap focus-visible:outline-2";

/**
 * One role: a grid row whose first cell is what the search box's keyboard selection points at
 * (aria-selected), so a screen reader hears account, environment and role. Memoized so a keystroke
 * re-renders only the rows whose props changed.
 */
export const RoleRow = memo(function RoleRow(props: RowProps) {
  const { role, cellId, showAccount, isActive, isFavorite, href, origin, onToggleFavorite, onCredentials } = props;
  const target = `${role.accountName} ${role.roleName}`;
  return (
    <div
      role="row"
      data-testid="role-row"
      data-active={isActive || undefined}
      // Off-screen rows skip style, layout and paint until scrolled near (their size is kept).
      className={`flex scroll-mt-48 scroll-mb-4 [contain-intrinsic-size:auto_8rem] [content-visibility:auto] sm:[contain-intrinsic-size:auto_4rem] flex-col gap-2 border-t border-slate-200 px-3 py-2.5 sm:flex-row sm:items-center sm:px-4 ${
        isActive
          ? "bg-amber-50 shadow-[inset_4px_0_0_var(--color-amber-500)] outline-2 -outline-offset-2 outline-amber-500"
          : ""
      }`}
    >
      <div role="gridcell" id={cellId} aria-selected={isActive || undefined} className="flex min-w-0 flex-1 gap-2">
        <button
          type="button"
          tabIndex={-1}
          onClick={() => onToggleFavorite(role)}
          aria-pressed={isFavorite}
          aria-label={`${isFavorite ? "Unpin" : "Pin"} ${target}`}
          className="-my-1 h-8 w-8 shrink-0 rounded-md text-lg text-amber-600 hover:bg-amber-50 focus-visible:outline-2 focus-visible:outline-amber-500"
        >
          {isFavorite ? "★" : "☆"}
        </button>
        <div className="min-w-0 text-sm">
          {showAccount ? (
            <span className="mr-2 inline-flex items-center gap-1.5 align-middle">
              <span className="font-semibold">{role.accountName}</span>
              <EnvironmentBadge environment={role.environment} />
            </span>
          ) : (
            <span className="sr-only">
              {role.accountName} ({role.environment}),{" "}
            </span>
          )}
          <span className="font-semibold">{role.roleName}</span>
          <span className="text-slate-600"> · up to {formatDuration(role.allowedSessionDuration)}</span>
          {role.grantExpiresAt && <GrantBadge expiresAt={role.grantExpiresAt} />}
          {role.requireReason && (
            <span className="ml-2 inline-flex rounded-full bg-amber-100 px-2 py-0.5 align-middle text-xs font-medium text-amber-900">
              reason required
            </span>
          )}
          {role.stepUpMinutes && (
            <span
              className="ml-2 inline-flex rounded-full bg-violet-100 px-2 py-0.5 align-middle text-xs font-medium text-violet-900"
              title={`Asks you to sign in at your identity provider again when your last sign-in there is older than ${role.stepUpMinutes} minutes`}
            >
              recent sign-in
            </span>
          )}
          {role.readOnlyFirst && (
            <>
              <span className="ml-2 inline-flex rounded-full bg-sky-100 px-2 py-0.5 align-middle text-xs font-medium text-sky-900">
                read-only first
              </span>
              {/* Write access is always confirmed on the /go page, where the audit note is explained. */}
              <a
                href={`/go?${new URLSearchParams({ account: role.accountId, role: role.roleName, access: "write" })}`}
                target="_blank"
                rel="noopener noreferrer"
                tabIndex={-1}
                className="ml-2 align-middle text-xs font-medium text-slate-700 underline hover:text-slate-900"
              >
                Console with write<span className="sr-only"> access for {target}</span>
              </a>
            </>
          )}
          {role.description && <span className="block truncate text-slate-600">{role.description}</span>}
          {isActive && (
            <span className="mt-0.5 block text-xs font-medium text-amber-900">
              <kbd className="rounded border border-amber-300 bg-white px-1 font-sans">Enter</kbd> opens the console
            </span>
          )}
        </div>
      </div>
      <div role="gridcell" className="flex items-center gap-2 sm:shrink-0">
        <CopyButton value={`${origin}${href}`} label={`Copy link to ${target}`} text="Copy link" tabIndex={-1} />
        <button
          type="button"
          tabIndex={-1}
          onClick={() => onCredentials(role)}
          className={`${action} flex-1 border border-slate-300 bg-white hover:bg-slate-50 focus-visible:outline-amber-500 sm:flex-none`}
        >
          CLI credentials<span className="sr-only"> for {target}</span>
        </button>
        <a
          href={href}
          target="_blank"
          rel="noopener noreferrer"
          tabIndex={-1}
          className={`${action} flex-1 border border-slate-900 bg-slate-900 text-white hover:border-slate-700 hover:bg-slate-700 focus-visible:outline-amber-500 sm:flex-none`}
        >
          Open console<span className="sr-only"> for {target}</span>
        </a>
      </div>
    </div>
  );
});
