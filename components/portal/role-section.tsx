"use client";

import { memo, type ReactNode } from "react";
import { AccountHeader } from "@/components/portal/account-header";
import { RoleRow } from "@/components/portal/role-row";
import { onGridFocus, onGridKeyDown } from "@/components/portal/use-roving-grid";
import type { PortalRole } from "@/lib/portal/home-data";
import type { RoleSection as Section } from "@/lib/portal/role-sections";

export type RowHandlers = {
  origin: string;
  hrefFor: (role: PortalRole) => string;
  onToggleFavorite: (role: PortalRole) => void;
  onCredentials: (role: PortalRole) => void;
  onToggleAccount: (accountId: string) => void;
};

export function cellIdFor(key: string): string {
  return `role-${key}`;
}

/**
 * One list of the home page as an ARIA grid (one tab stop; arrow keys inside): account headers
 * with their roles as row groups, or plain rows for favorites and recents. Memoized, and its rows
 * keyed by account and role whatever the list, so a keystroke re-renders only what it changed.
 */
export const RoleSection = memo(function RoleSection({
  section,
  query,
  activeKey,
  favorites,
  handlers,
}: {
  section: Section;
  query: string;
  activeKey: string | null;
  favorites: Set<string>;
  handlers: RowHandlers;
}) {
  const titleId = `roles-${section.id}-title`;
  const groups: { key: string; rows: ReactNode[] }[] = [];
  for (const item of section.items) {
    if (item.kind === "account") {
      const onToggle = section.id === "all" ? handlers.onToggleAccount : undefined;
      const key = `account-${item.accountId}`;
      groups.push({ key, rows: [<AccountHeader key={key} header={item} onToggle={onToggle} />] });
      continue;
    }
    if (!groups.length) groups.push({ key: "rows", rows: [] });
    groups
      .at(-1)!
      .rows.push(
        <RoleRow
          key={item.role.roleId}
          role={item.role}
          cellId={cellIdFor(item.key)}
          showAccount={!section.isGrouped}
          isActive={item.key === activeKey}
          isFavorite={favorites.has(item.role.roleId)}
          href={handlers.hrefFor(item.role)}
          origin={handlers.origin}
          onToggleFavorite={handlers.onToggleFavorite}
          onCredentials={handlers.onCredentials}
        />,
      );
  }
  return (
    <section aria-label={section.title} data-query={query} className="mt-5">
      <h2 id={titleId} className="text-sm font-semibold tracking-wide text-slate-600 uppercase">
        {section.title}
      </h2>
      {section.items.length === 0 ? (
        <p className="mt-2 text-slate-600">No account or role matches “{query}”.</p>
      ) : (
        <div
          role="grid"
          id={`roles-${section.id}`}
          aria-labelledby={titleId}
          onKeyDown={onGridKeyDown}
          onFocus={onGridFocus}
          className="mt-2 overflow-hidden rounded-xl border border-slate-200 bg-white [&>[role=rowgroup]:first-child>[role=row]:first-child]:border-t-0"
        >
          {groups.map((group) => (
            <div role="rowgroup" key={group.key}>
              {group.rows}
            </div>
          ))}
        </div>
      )}
    </section>
  );
});
