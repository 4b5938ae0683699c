"use client";

import { memo } from "react";
import { CopyButton } from "@/components/portal/copy-button";
import { EnvironmentBadge } from "@/components/portal/environment-badge";
import type { AccountHeader as Header } from "@/lib/portal/role-sections";

/** An account's row above its roles: name (a toggle that collapses them), environment, id and copy. */
export const AccountHeader = memo(function AccountHeader({
  header,
  onToggle,
}: {
  header: Header;
  onToggle?: (accountId: string) => void;
}) {
  const { accountId, accountName, environment, roleCount, isCollapsed } = header;
  const name = (
    <>
      <span className="truncate">{accountName}</span>
      <span className="text-xs font-normal whitespace-nowrap text-slate-600">
        {roleCount} role{roleCount === 1 ? "" : "s"}
      </span>
    </>
  );
  return (
    <div role="row" data-testid="account-header" className="border-t border-slate-200 bg-slate-100 first:border-t-0">
      <div role="gridcell" aria-colspan={2} className="flex flex-wrap items-center gap-x-3 gap-y-1 px-3 py-2 sm:px-4">
        <h3 className="min-w-0 text-base font-semibold">
          {onToggle ? (
            <button
              type="button"
              tabIndex={-1}
              aria-expanded={!isCollapsed}
              onClick={() => onToggle(accountId)}
              className="flex min-w-0 items-center gap-2 rounded text-left hover:text-slate-700 focus-visible:outline-2 focus-visible:outline-amber-500"
            >
              <span
                aria-hidden="true"
                className={`text-slate-600 transition-transform ${isCollapsed ? "" : "rotate-90"}`}
              >
                ▸
              </span>
              {name}
            </button>
          ) : (
            <span className="flex min-w-0 items-center gap-2">{name}</span>
          )}
        </h3>
        <EnvironmentBadge environment={environment} />
        <span className="flex items-center gap-1.5">
          <span className="font-mono text-xs text-slate-600">{accountId}</span>
          <CopyButton value={accountId} label={`Copy account id ${accountId}`} tabIndex={-1} />
        </span>
      </div>
    </div>
  );
});
