import { mappingKey, roleKey, type FlatConfig } from "@/lib/entitlements/config-schema";

/** What applying a config would change, entity by entity. Pure. */

export type ChangeKind = "create" | "update" | "delete";
type Row<K extends keyof FlatConfig> = FlatConfig[K] extends Map<string, infer V> ? V : never;
type ChangeOf<E extends string, T> = { kind: ChangeKind; entity: E; key: string; before?: T; after?: T };
export type AccountChange = ChangeOf<"account", Row<"accounts">>;
export type RoleChange = ChangeOf<"role", Row<"roles">>;
export type MappingChange = ChangeOf<"mapping", Row<"mappings">>;
export type Change = AccountChange | RoleChange | MappingChange;

function same(a: object, b: object): boolean {
  const x = a as Record<string, unknown>;
  const y = b as Record<string, unknown>;
  return Object.keys({ ...x, ...y }).every((k) => (x[k] ?? null) === (y[k] ?? null));
}

function diff<E extends string, T extends object>(
  entity: E,
  current: Map<string, T>,
  desired: Map<string, T>,
): ChangeOf<E, T>[] {
  const changes: ChangeOf<E, T>[] = [];
  for (const [key, after] of desired) {
    const before = current.get(key);
    if (!before) changes.push({ kind: "create", entity, key, after });
    else if (!same(before, after)) changes.push({ kind: "update", entity, key, before, after });
  }
  for (const [key, before] of current) if (!desired.has(key)) changes.push({ kind: "delete", entity, key, before });
  return changes;
}

export function planConfig(current: FlatConfig, desired: FlatConfig): Change[] {
  return [
    ...diff("account", current.accounts, desired.accounts),
    ...diff("role", current.roles, desired.roles),
    ...diff("mapping", current.mappings, desired.mappings),
  ];
}

export function summarizePlan(changes: Change[]): string {
  if (changes.length === 0) return "No changes: the database already matches the file.";
  const count = (kind: ChangeKind) => changes.filter((c) => c.kind === kind).length;
  return `${count("create")} to create, ${count("update")} to change, ${count("delete")} to delete.`;
}

export function describeChange(change: Change): string {
  const sign = { create: "+", update: "~", delete: "-" }[change.kind];
  return `${sign} ${change.entity} ${change.key}`;
}

export { mappingKey, roleKey };
