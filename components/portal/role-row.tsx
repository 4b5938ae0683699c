"use client";

import { memo } from "react";
import { CopyButton } from "@/components/portal/copy-button";
import { EnvironmentBadge } from "@/components/portal/environment-badge";
import { formatDuration } from "@/components/portal/format-duration";
import type { PortalRole } from "@/lib/portal/home-data";

type RowProps = {
  role: PortalRole;
  isActive: boolean;
  isFavorite: boolean;
  href: string;
  origin: string;
  onToggleFavorite: (role: PortalRole) => void;
  onCredentials: (role: PortalRole) => void;
};

/** One role; memoized so a keystroke re-renders only the rows whose props changed. */
export const RoleRow = memo(function RoleRow({
  role,
  isActive,
  isFavorite,
  href,
  origin,
  onToggleFavorite,
  onCredentials,
}: RowProps) {
  return (
    <li
      data-testid="role-row"
      aria-current={isActive ? "true" : undefined}
      className={`flex flex-col gap-2 px-4 py-3 sm:flex-row sm:items-center ${isActive ? "bg-amber-50" : ""}`}
    >
      <div className="min-w-0 flex-1">
        <div className="flex flex-wrap items-center gap-2">
          <span className="font-semibold">{role.accountName}</span>
          <EnvironmentBadge environment={role.environment} />
          <span className="font-mono text-xs text-slate-500">{role.accountId}</span>
          <CopyButton value={role.accountId} label={`Copy account id ${role.accountId}`} />
        </div>
        <div className="mt-1 text-sm">
          <span className="font-medium">{role.roleName}</span>
          {role.description && <span className="text-slate-600"> — {role.description}</span>}
          <span className="text-slate-500"> · up to {formatDuration(role.allowedSessionDuration)}</span>
        </div>
      </div>
      <div className="flex flex-wrap items-center gap-2">
        <button
          type="button"
          onClick={() => onToggleFavorite(role)}
          aria-pressed={isFavorite}
          aria-label={`${isFavorite ? "Unpin" : "Pin"} ${role.accountName} ${role.roleName}`}
          className="rounded-md px-2 py-1 text-lg text-amber-500 hover:bg-amber-50"
        >
          {isFavorite ? "★" : "☆"}
        </button>
        <CopyButton
          value={`${origin}${href}`}
          label={`Copy link to ${role.accountName} ${role.roleName}`}
          text="Copy link"
        />
        <button
          type="button"
          onClick={() => onCredentials(role)}
          className="rounded-lg border border-slate-300 bg-white px-3 py-1.5 text-sm font-medium hover:bg-slate-50"
        >
          CLI credentials
          <span className="sr-only">
            {" "}
            for {role.accountName} {role.roleName}
          </span>
        </button>
        <a
          href={href}
          target="_blank"
          rel="noopener noreferrer"
          className="rounded-lg bg-slate-900 px-3 py-1.5 text-sm font-medium text-white hover:bg-slate-700"
        >
          Open console
          <span className="sr-only">
            {" "}
            for {role.accountName} {role.roleName}
          </span>
        </a>
      </div>
    </li>
  );
});
