"use client";

import {
  useCallback,
  useDeferredValue,
  useEffect,
  useMemo,
  useRef,
  useState,
  useTransition,
  type KeyboardEvent as ReactKeyboardEvent,
  type RefObject,
} from "react";
import { ConsoleChoice } from "@/components/portal/console-choice";
import { CredentialsDialog } from "@/components/portal/credentials-dialog";
import { RoleSection, cellIdFor, type RowHandlers } from "@/components/portal/role-section";
import { useGridTabStops } from "@/components/portal/use-roving-grid";
import type { PortalRole } from "@/lib/portal/home-data";
import { unpackRoles, type PackedRoles } from "@/lib/portal/packed-roles";
import { buildRoleLayout, indexRoles } from "@/lib/portal/role-sections";

// Rows rendered before "Show all": a screen holds about ten; mounting rows is most of what a
// keystroke costs at 2,000 roles (npm run bench).
const RENDER_LIMIT = 50;

/** The keyboard selection and the search it was made in; any other search starts from its first match. */
type Selection = { query: string | null; index: number | null };
const NO_SELECTION: Selection = { query: null, index: null };

type ToggleFavorite = (input: { roleId: string; favorite: boolean }) => Promise<{ favorite: boolean }>;

function useSlashToSearch(search: RefObject<HTMLInputElement | null>, isDialogOpen: boolean): void {
  useEffect(() => {
    function onKey(event: KeyboardEvent) {
      const typing =
        event.target instanceof HTMLInputElement ||
        event.target instanceof HTMLSelectElement ||
        event.target instanceof HTMLTextAreaElement;
      if (event.key === "/" && !typing && !isDialogOpen) {
        event.preventDefault();
        search.current?.focus();
      }
    }
    window.addEventListener("keydown", onKey);
    return () => window.removeEventListener("keydown", onKey);
  }, [search, isDialogOpen]);
}

export function RoleBrowser({
  packedRoles,
  favoriteRoleIds,
  recentRoleIds,
  preferredRegion,
  defaultRegion,
  preferredDestination,
  origin,
  toggleFavoriteAction,
}: {
  packedRoles: PackedRoles;
  favoriteRoleIds: string[];
  recentRoleIds: string[];
  preferredRegion: string | null;
  /** The deployment's region (AIRLOCK_AWS_REGION), until the person chooses one. */
  defaultRegion: string;
  preferredDestination: string | null;
  origin: string;
  toggleFavoriteAction: ToggleFavorite;
}) {
  const [query, setQuery] = useState("");
  const [favorites, setFavorites] = useState(() => new Set(favoriteRoleIds));
  const [region, setRegion] = useState(preferredRegion ?? defaultRegion);
  const [destination, setDestination] = useState(preferredDestination ?? "");
  const [selection, setSelection] = useState(NO_SELECTION);
  const [showAll, setShowAll] = useState(false);
  const [collapsed, setCollapsed] = useState(() => new Set<string>());
  const [dialogRole, setDialogRole] = useState<PortalRole | null>(null);
  const [, startTransition] = useTransition();
  const search = useRef<HTMLInputElement>(null);
  const lists = useRef<HTMLDivElement>(null);
  useSlashToSearch(search, dialogRole !== null);
  useGridTabStops(lists);

  // The lists follow each keystroke at once while at most RENDER_LIMIT rows are mounted: a few
  // milliseconds, where deferring cost a task more per keystroke (filter p50 6 ms rather than
  // 9-17 ms at 2,000 roles, npm run bench). With every row shown, they are deferred, so typing
  // stays responsive.
  const deferredQuery = useDeferredValue(query);
  const listQuery = showAll ? deferredQuery : query;
  const indexed = useMemo(() => indexRoles(unpackRoles(packedRoles)), [packedRoles]);
  const layout = useMemo(
    () =>
      buildRoleLayout({
        roles: indexed,
        query: listQuery,
        favoriteIds: favorites,
        recentIds: recentRoleIds,
        collapsedAccountIds: collapsed,
        limit: showAll ? Infinity : RENDER_LIMIT,
      }),
    [indexed, listQuery, favorites, recentRoleIds, collapsed, showAll],
  );
  // The keyboard selection: none until a search or an arrow key makes one, so Enter never opens
  // a row nobody highlighted. It follows the list on screen (listQuery).
  const active = selection.query === listQuery ? selection.index : listQuery.trim() ? 0 : null;
  const activeOption = active === null ? undefined : layout.options[Math.min(active, layout.options.length - 1)];
  const activeKey = activeOption?.key ?? null;

  useEffect(() => {
    // The whole row (on a phone its buttons sit below the cell), clear of the sticky search block.
    const row = activeKey ? document.getElementById(cellIdFor(activeKey))?.closest('[role="row"]') : null;
    row?.scrollIntoView({ block: "nearest" });
  }, [activeKey]);

  const hrefFor = useCallback(
    (role: PortalRole) => {
      const params = new URLSearchParams({ account: role.accountId, role: role.roleName, region });
      if (destination) params.set("destination", destination);
      return `/go?${params}`;
    },
    [region, destination],
  );

  const favoritesRef = useRef(favorites);
  useEffect(() => {
    favoritesRef.current = favorites;
  }, [favorites]);
  const handlers = useMemo<RowHandlers>(
    () => ({
      origin,
      hrefFor,
      onCredentials: setDialogRole,
      onToggleAccount: (accountId) =>
        setCollapsed((current) => {
          const next = new Set(current);
          if (!next.delete(accountId)) next.add(accountId);
          return next;
        }),
      onToggleFavorite: (role) => {
        const next = !favoritesRef.current.has(role.roleId);
        setFavorites((current) => {
          const copy = new Set(current);
          if (next) copy.add(role.roleId);
          else copy.delete(role.roleId);
          return copy;
        });
        startTransition(() => void toggleFavoriteAction({ roleId: role.roleId, favorite: next }));
      },
    }),
    [origin, hrefFor, toggleFavoriteAction],
  );

  function onSearchKey(event: ReactKeyboardEvent<HTMLInputElement>) {
    const last = layout.options.length - 1;
    if (event.key === "ArrowDown") {
      event.preventDefault();
      setSelection({ query: listQuery, index: active === null ? 0 : Math.min(active + 1, last) });
    } else if (event.key === "ArrowUp") {
      event.preventDefault();
      setSelection({ query: listQuery, index: active === null ? null : Math.max(Math.min(active, last) - 1, 0) });
    } else if (event.key === "Enter") {
      event.preventDefault();
      if (activeOption) window.open(hrefFor(activeOption.role), "_blank", "noopener,noreferrer");
    } else if (event.key === "Escape") {
      setQuery("");
      setSelection(NO_SELECTION);
    }
  }

  if (indexed.length === 0) return null;
  const grids = layout.sections.filter((s) => s.items.length > 0).map((s) => `roles-${s.id}`);
  return (
    <div>
      <div
        data-testid="portal-toolbar"
        className="sticky top-0 z-10 -mx-4 flex flex-col gap-2 border-b border-slate-200 bg-slate-50 px-4 py-2 shadow-sm sm:flex-row sm:items-end sm:gap-3 sm:py-3"
      >
        <label className="flex-1">
          <span className="text-xs font-medium text-slate-700 sm:text-sm">Search accounts and roles</span>
          <kbd
            aria-hidden="true"
            className="ml-2 hidden rounded border border-slate-300 bg-white px-1.5 font-sans text-xs text-slate-600 sm:inline"
          >
            /
          </kbd>
          <input
            ref={search}
            type="search"
            role="combobox"
            aria-expanded={grids.length > 0}
            aria-haspopup="grid"
            aria-autocomplete="list"
            aria-controls={grids.length ? grids.join(" ") : undefined}
            aria-activedescendant={activeKey ? cellIdFor(activeKey) : undefined}
            aria-describedby="role-search-help"
            value={query}
            placeholder="Account, id, environment or role"
            onChange={(e) => {
              setQuery(e.target.value);
              setSelection(NO_SELECTION);
            }}
            onKeyDown={onSearchKey}
            className="mt-0.5 w-full rounded-lg border border-slate-300 bg-white px-3 py-1.5 shadow-sm focus:border-slate-500 focus:outline-2 focus:outline-amber-500 sm:mt-1 sm:py-2"
          />
        </label>
        <ConsoleChoice region={region} destination={destination} onRegion={setRegion} onDestination={setDestination} />
      </div>
      <p id="role-search-help" className="sr-only">
        Up and down arrows choose a role; Enter opens its console in a new tab. Press / anywhere to come back here.
      </p>
      <p role="status" className="sr-only">
        {listQuery.trim() ? layout.sections[0]?.title : ""}
      </p>

      <div ref={lists}>
        {layout.sections.map((section) => (
          <RoleSection
            // The account lists share one key, so the first keystroke keeps the rows on screen.
            key={section.isGrouped ? "grouped" : section.id}
            section={section}
            query={listQuery}
            activeKey={activeKey}
            favorites={favorites}
            handlers={handlers}
          />
        ))}
      </div>
      {!showAll && layout.total > layout.options.length && layout.options.length >= RENDER_LIMIT && (
        <button
          type="button"
          onClick={() => setShowAll(true)}
          className="mt-4 rounded-lg border border-slate-300 bg-white px-4 py-2 text-sm font-medium"
        >
          Show all {layout.total} roles
        </button>
      )}
      {dialogRole && <CredentialsDialog role={dialogRole} region={region} onClose={() => setDialogRole(null)} />}
    </div>
  );
}
