"use client";

import { useCallback, useDeferredValue, useEffect, useMemo, useRef, useState, useTransition } from "react";
import { CredentialsDialog } from "@/components/portal/credentials-dialog";
import { RoleRow } from "@/components/portal/role-row";
import type { PortalRole } from "@/lib/portal/home-data";

const REGIONS = [
  "us-east-1",
  "us-east-2",
  "us-west-1",
  "us-west-2",
  "ca-central-1",
  "eu-west-1",
  "eu-west-2",
  "eu-west-3",
  "eu-central-1",
  "eu-north-1",
  "ap-south-1",
  "ap-northeast-1",
  "ap-northeast-2",
  "ap-southeast-1",
  "ap-southeast-2",
  "sa-east-1",
];
const SERVICES = [
  "",
  "cloudwatch",
  "ec2",
  "s3",
  "lambda",
  "rds",
  "iam",
  "cloudformation",
  "ecs",
  "eks",
  "dynamodb",
  "sqs",
  "billing",
];
// Rows rendered before "Show all": a screen holds about ten; each row is ~20 DOM nodes, and
// mounting them is most of what a keystroke costs at 2,000 roles (npm run bench).
const RENDER_LIMIT = 50;

/** `id` is stable across keystrokes, so React keeps the rows it already rendered. */
type Section = { id: "results" | "favorites" | "recent" | "all"; title: string; roles: PortalRole[] };

function matches(role: PortalRole & { haystack: string }, terms: string[]): boolean {
  return terms.every((t) => role.haystack.includes(t));
}

type ToggleFavorite = (input: { roleId: string; favorite: boolean }) => Promise<{ favorite: boolean }>;

export function RoleBrowser({
  roles,
  favoriteRoleIds,
  recentRoleIds,
  preferredRegion,
  defaultRegion,
  origin,
  toggleFavoriteAction,
}: {
  roles: PortalRole[];
  favoriteRoleIds: string[];
  recentRoleIds: string[];
  preferredRegion: string | null;
  /** The deployment's region (AIRLOCK_AWS_REGION), until the person chooses one. */
  defaultRegion: string;
  origin: string;
  toggleFavoriteAction: ToggleFavorite;
}) {
  const [query, setQuery] = useState("");
  const deferredQuery = useDeferredValue(query);
  const [favorites, setFavorites] = useState(() => new Set(favoriteRoleIds));
  const [region, setRegion] = useState(preferredRegion ?? defaultRegion);
  const [service, setService] = useState("");
  const [active, setActive] = useState(0);
  const [showAll, setShowAll] = useState(false);
  const [dialogRole, setDialogRole] = useState<PortalRole | null>(null);
  const [, startTransition] = useTransition();
  const search = useRef<HTMLInputElement>(null);

  const indexed = useMemo(
    () =>
      roles.map((r) => ({
        ...r,
        haystack: `${r.accountName} ${r.accountId} ${r.environment} ${r.roleName}`.toLowerCase(),
      })),
    [roles],
  );

  const sections = useMemo<Section[]>(() => {
    const terms = deferredQuery.toLowerCase().split(/\s+/).filter(Boolean);
    const visible = terms.length ? indexed.filter((r) => matches(r, terms)) : indexed;
    if (terms.length)
      return [
        { id: "results", title: `${visible.length} matching role${visible.length === 1 ? "" : "s"}`, roles: visible },
      ];
    const byId = new Map(indexed.map((r) => [r.roleId, r]));
    const pinned = [...favorites].flatMap((id) => (byId.has(id) ? [byId.get(id)!] : []));
    const recent = recentRoleIds.flatMap((id) => (byId.has(id) && !favorites.has(id) ? [byId.get(id)!] : []));
    return [
      ...(pinned.length ? [{ id: "favorites" as const, title: "Favorites", roles: pinned }] : []),
      ...(recent.length ? [{ id: "recent" as const, title: "Recently used", roles: recent }] : []),
      { id: "all" as const, title: "All accounts", roles: visible },
    ];
  }, [deferredQuery, indexed, favorites, recentRoleIds]);

  const flat = useMemo(() => sections.flatMap((s) => s.roles), [sections]);
  const limit = showAll ? Infinity : RENDER_LIMIT;

  useEffect(() => {
    function onKey(event: KeyboardEvent) {
      const typing =
        event.target instanceof HTMLInputElement ||
        event.target instanceof HTMLSelectElement ||
        event.target instanceof HTMLTextAreaElement;
      if (event.key === "/" && !typing && !dialogRole) {
        event.preventDefault();
        search.current?.focus();
      }
    }
    window.addEventListener("keydown", onKey);
    return () => window.removeEventListener("keydown", onKey);
  }, [dialogRole]);

  function consoleHref(role: PortalRole): string {
    const params = new URLSearchParams({ account: role.accountId, role: role.roleName, region });
    if (service) params.set("destination", service);
    return `/go?${params}`;
  }

  const favoritesRef = useRef(favorites);
  useEffect(() => {
    favoritesRef.current = favorites;
  }, [favorites]);
  const toggleFavorite = useCallback(
    (role: PortalRole) => {
      const next = !favoritesRef.current.has(role.roleId);
      setFavorites((current) => {
        const copy = new Set(current);
        if (next) copy.add(role.roleId);
        else copy.delete(role.roleId);
        return copy;
      });
      startTransition(() => void toggleFavoriteAction({ roleId: role.roleId, favorite: next }));
    },
    [toggleFavoriteAction],
  );

  if (roles.length === 0) return null;
  let position = -1;
  return (
    <div>
      <div className="sticky top-0 z-10 -mx-4 flex flex-col gap-3 bg-slate-50/95 px-4 py-3 backdrop-blur sm:flex-row sm:items-end">
        <label className="flex-1">
          <span className="text-sm font-medium text-slate-700">Search accounts and roles</span>
          <input
            ref={search}
            type="search"
            value={query}
            placeholder="Name, account id, environment or role — press / to focus"
            onChange={(e) => {
              setQuery(e.target.value);
              setActive(0);
            }}
            onKeyDown={(e) => {
              if (e.key === "ArrowDown") {
                e.preventDefault();
                setActive((a) => Math.min(a + 1, Math.min(flat.length, limit) - 1));
              } else if (e.key === "ArrowUp") {
                e.preventDefault();
                setActive((a) => Math.max(a - 1, 0));
              } else if (e.key === "Enter" && flat[active]) {
                e.preventDefault();
                window.open(consoleHref(flat[active]), "_blank", "noopener,noreferrer");
              } else if (e.key === "Escape") setQuery("");
            }}
            className="mt-1 w-full rounded-lg border border-slate-300 bg-white px-3 py-2 shadow-sm focus:border-slate-500 focus:outline-2 focus:outline-amber-500"
          />
        </label>
        <label>
          <span className="text-sm font-medium text-slate-700">Console region</span>
          <select
            value={region}
            onChange={(e) => setRegion(e.target.value)}
            className="mt-1 block w-full rounded-lg border border-slate-300 bg-white px-2 py-2 sm:w-40"
          >
            {(REGIONS.includes(region) ? REGIONS : [region, ...REGIONS]).map((r) => (
              <option key={r}>{r}</option>
            ))}
          </select>
        </label>
        <label>
          <span className="text-sm font-medium text-slate-700">Open at</span>
          <select
            value={service}
            onChange={(e) => setService(e.target.value)}
            className="mt-1 block w-full rounded-lg border border-slate-300 bg-white px-2 py-2 sm:w-40"
          >
            {SERVICES.map((s) => (
              <option key={s} value={s}>
                {s || "Console home"}
              </option>
            ))}
          </select>
        </label>
      </div>

      {sections.map((section) => (
        <section key={section.id} aria-label={section.title} data-query={deferredQuery} className="mt-6">
          <h2 className="text-sm font-semibold tracking-wide text-slate-500 uppercase">{section.title}</h2>
          {section.roles.length === 0 && (
            <p className="mt-2 text-slate-600">No account or role matches “{deferredQuery}”.</p>
          )}
          <ul className="mt-2 divide-y divide-slate-200 overflow-hidden rounded-xl border border-slate-200 bg-white">
            {section.roles.map((role) => {
              position += 1;
              if (position >= limit) return null;
              return (
                <RoleRow
                  key={`${section.id}-${role.roleId}`}
                  role={role}
                  isActive={position === active && query !== ""}
                  isFavorite={favorites.has(role.roleId)}
                  href={consoleHref(role)}
                  origin={origin}
                  onToggleFavorite={toggleFavorite}
                  onCredentials={setDialogRole}
                />
              );
            })}
          </ul>
        </section>
      ))}
      {!showAll && flat.length > RENDER_LIMIT && (
        <button
          type="button"
          onClick={() => setShowAll(true)}
          className="mt-4 rounded-lg border border-slate-300 bg-white px-4 py-2 text-sm font-medium"
        >
          Show all {flat.length} roles
        </button>
      )}
      {dialogRole && <CredentialsDialog role={dialogRole} region={region} onClose={() => setDialogRole(null)} />}
    </div>
  );
}
