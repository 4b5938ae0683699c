import type { PortalRole } from "@/lib/portal/home-data";

/**
 * The home page's lists, computed from the search on every keystroke: favorites and recently
 * used as plain rows, and every role (or the matches) grouped under one header per account.
 * Rows past `limit` are not built, so a keystroke costs what the screen shows. Pure.
 */

export type BrowsableRole = PortalRole & { haystack: string };

export type AccountHeader = {
  kind: "account";
  key: string;
  accountId: string;
  accountName: string;
  environment: string;
  roleCount: number;
  isCollapsed: boolean;
};
export type RoleItem = { kind: "role"; key: string; role: BrowsableRole };
/** `id` and the rows' keys are stable across keystrokes, so React keeps the rows it already rendered. */
export type RoleSection = {
  id: "results" | "favorites" | "recent" | "all";
  title: string;
  isGrouped: boolean;
  items: (AccountHeader | RoleItem)[];
};
export type RoleLayout = { sections: RoleSection[]; options: RoleItem[]; total: number };

export function indexRoles(roles: PortalRole[]): BrowsableRole[] {
  return roles.map((r) => ({
    ...r,
    haystack: `${r.accountName} ${r.accountId} ${r.environment} ${r.roleName}`.toLowerCase(),
  }));
}

function groupByAccount(roles: BrowsableRole[]): BrowsableRole[][] {
  const groups = new Map<string, BrowsableRole[]>();
  for (const role of roles) {
    const group = groups.get(role.accountId);
    if (group) group.push(role);
    else groups.set(role.accountId, [role]);
  }
  return [...groups.values()];
}

function pickSections({
  roles,
  query,
  favoriteIds,
  recentIds,
}: {
  roles: BrowsableRole[];
  query: string;
  favoriteIds: Set<string>;
  recentIds: string[];
}): { id: RoleSection["id"]; title: string; isGrouped: boolean; roles: BrowsableRole[] }[] {
  const terms = query.toLowerCase().split(/\s+/).filter(Boolean);
  if (terms.length) {
    const found = roles.filter((r) => terms.every((t) => r.haystack.includes(t)));
    const title = `${found.length} matching role${found.length === 1 ? "" : "s"}`;
    return [{ id: "results", title, isGrouped: true, roles: found }];
  }
  const byId = new Map(roles.map((r) => [r.roleId, r]));
  const pinned = [...favoriteIds].flatMap((id) => byId.get(id) ?? []);
  const recent = recentIds.flatMap((id) => (favoriteIds.has(id) ? [] : (byId.get(id) ?? [])));
  return [
    ...(pinned.length ? [{ id: "favorites" as const, title: "Favorites", isGrouped: false, roles: pinned }] : []),
    ...(recent.length ? [{ id: "recent" as const, title: "Recently used", isGrouped: false, roles: recent }] : []),
    { id: "all", title: "All accounts", isGrouped: true, roles },
  ];
}

/** Sections, their rows up to `limit`, and the rows the keyboard walks through (in screen order). */
export function buildRoleLayout({
  roles,
  query,
  favoriteIds,
  recentIds,
  collapsedAccountIds,
  limit,
}: {
  roles: BrowsableRole[];
  query: string;
  favoriteIds: Set<string>;
  recentIds: string[];
  collapsedAccountIds: Set<string>;
  limit: number;
}): RoleLayout {
  const options: RoleItem[] = [];
  let total = 0;
  const sections = pickSections({ roles, query, favoriteIds, recentIds }).map((picked) => {
    total += picked.roles.length;
    const items: RoleSection["items"] = [];
    const addRole = (role: BrowsableRole) => {
      if (options.length >= limit) return;
      // All accounts and a search's matches share keys, so the first keystroke keeps the rows.
      const item: RoleItem = { kind: "role", key: `${picked.isGrouped ? "accounts" : picked.id}-${role.roleId}`, role };
      items.push(item);
      options.push(item);
    };
    if (!picked.isGrouped) picked.roles.forEach(addRole);
    else
      for (const group of groupByAccount(picked.roles)) {
        if (options.length >= limit) break;
        const [{ accountId, accountName, environment }] = group;
        // A search shows every match, whatever was collapsed.
        const isCollapsed = picked.id === "all" && collapsedAccountIds.has(accountId);
        const key = `${picked.id}-account-${accountId}`;
        items.push({ kind: "account", key, accountId, accountName, environment, roleCount: group.length, isCollapsed });
        if (!isCollapsed) group.forEach(addRole);
      }
    return { id: picked.id, title: picked.title, isGrouped: picked.isGrouped, items };
  });
  return { sections, options, total };
}
