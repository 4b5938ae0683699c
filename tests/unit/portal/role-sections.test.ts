import { describe, expect, it } from "vitest";
import type { PortalRole } from "@/lib/portal/home-data";
import { buildRoleLayout, indexRoles } from "@/lib/portal/role-sections";

function role(accountName: string, accountId: string, roleName: string, environment = "dev"): PortalRole {
  return {
    roleId: `${accountId}-${roleName}`,
    roleName,
    description: null,
    maxSessionDuration: 3600,
    allowedSessionDuration: 3600,
    defaultSessionDuration: 3600,
    requireReason: false,
    readOnlyFirst: false,
    stepUpMinutes: null,
    accountId,
    accountName,
    environment,
    grantExpiresAt: null,
  };
}

const roles = indexRoles([
  role("production", "333333333333", "Admin", "prod"),
  role("production", "333333333333", "ReadOnly", "prod"),
  role("sandbox", "111111111111", "Developer"),
]);
const base = {
  roles,
  query: "",
  favoriteIds: new Set<string>(),
  recentIds: [],
  collapsedAccountIds: new Set<string>(),
};

describe("buildRoleLayout", () => {
  it("puts one header per account above its roles, and walks the roles in screen order", () => {
    const { sections, options, total } = buildRoleLayout({ ...base, limit: 50 });
    expect(sections.map((s) => s.id)).toEqual(["all"]);
    expect(
      sections[0].items.map((i) => (i.kind === "account" ? `# ${i.accountName} (${i.roleCount})` : i.role.roleName)),
    ).toEqual(["# production (2)", "Admin", "ReadOnly", "# sandbox (1)", "Developer"]);
    expect(options.map((o) => o.key)).toEqual([
      "accounts-333333333333-Admin",
      "accounts-333333333333-ReadOnly",
      "accounts-111111111111-Developer",
    ]);
    // A search's matches keep their keys (React keeps the rows), and a favorite is another row.
    const searched = buildRoleLayout({
      ...base,
      favoriteIds: new Set(["111111111111-Developer"]),
      query: "dev",
      limit: 50,
    });
    expect(searched.options.map((o) => o.key)).toEqual(["accounts-111111111111-Developer"]);
    const unsearched = buildRoleLayout({ ...base, favoriteIds: new Set(["111111111111-Developer"]), limit: 50 });
    expect(unsearched.options.map((o) => o.key)).toContain("favorites-111111111111-Developer");
    expect(total).toBe(3);
  });

  it("hides a collapsed account's roles from the page and the keyboard, but not from a search", () => {
    const collapsedAccountIds = new Set(["333333333333"]);
    const collapsed = buildRoleLayout({ ...base, collapsedAccountIds, limit: 50 });
    expect(collapsed.options.map((o) => o.role.roleName)).toEqual(["Developer"]);
    expect(collapsed.sections[0].items[0]).toMatchObject({ kind: "account", isCollapsed: true, roleCount: 2 });
    const searched = buildRoleLayout({ ...base, collapsedAccountIds, query: "prod", limit: 50 });
    expect(searched.sections[0].title).toBe("2 matching roles");
    expect(searched.options.map((o) => o.role.roleName)).toEqual(["Admin", "ReadOnly"]);
  });

  it("lists favorites and recents as plain rows before every account, and stops building rows at the limit", () => {
    const layout = buildRoleLayout({
      ...base,
      favoriteIds: new Set(["111111111111-Developer"]),
      recentIds: ["111111111111-Developer", "333333333333-ReadOnly"],
      limit: 3,
    });
    expect(layout.sections.map((s) => [s.id, s.isGrouped, s.items.length])).toEqual([
      ["favorites", false, 1],
      ["recent", false, 1],
      ["all", true, 2],
    ]);
    expect(layout.options).toHaveLength(3);
    expect(layout.total).toBe(5);
  });

  it("matches every term anywhere in account, id, environment and role", () => {
    expect(buildRoleLayout({ ...base, query: "PROD read", limit: 50 }).options.map((o) => o.role.roleName)).toEqual([
      "ReadOnly",
    ]);
    expect(buildRoleLayout({ ...base, query: "nothing", limit: 50 }).sections[0]).toMatchObject({
      title: "0 matching roles",
      items: [],
    });
  });
});
