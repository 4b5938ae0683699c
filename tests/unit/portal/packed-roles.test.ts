import { describe, expect, it } from "vitest";
import type { PortalRole } from "@/lib/portal/home-data";
import { packRoles, unpackRoles } from "@/lib/portal/packed-roles";

const role = (accountId: string, accountName: string, roleName: string, description: string | null): PortalRole => ({
  roleId: `${accountId}-${roleName}`,
  roleName,
  description,
  maxSessionDuration: 43_200,
  allowedSessionDuration: 1800,
  defaultSessionDuration: roleName === "Admin" ? 900 : 1800,
  requireReason: roleName === "Admin",
  readOnlyFirst: roleName !== "Developer",
  // Step-up minutes travel beside the two flags, up to a day's.
  stepUpMinutes: roleName === "Admin" ? 1440 : roleName === "ReadOnly" ? 1 : null,
  accountId,
  accountName,
  environment: accountName === "production" ? "prod" : "dev",
  // A role only a grant gives carries the grant's end.
  grantExpiresAt: roleName === "Admin" ? "2026-12-02T10:30:00.000Z" : null,
});

describe("packRoles", () => {
  const roles = [
    role("333333333333", "production", "Admin", "Full administrative access"),
    role("333333333333", "production", "ReadOnly", null),
    role("111111111111", "sandbox", "Developer", "Build"),
  ];

  it("sends each account once, and unpacks to the same roles in the same order", () => {
    const packed = packRoles(roles);
    expect(packed.accounts).toEqual([
      ["333333333333", "production", "prod"],
      ["111111111111", "sandbox", "dev"],
    ]);
    expect(packed.roles.map(([account]) => account)).toEqual([0, 0, 1]);
    expect(unpackRoles(packed)).toEqual(roles);
    // What the page carries is plain JSON: it survives the trip to the browser unchanged.
    expect(unpackRoles(JSON.parse(JSON.stringify(packed)))).toEqual(roles);
  });

  it("packs no roles to no accounts", () => {
    expect(packRoles([])).toEqual({ accounts: [], roles: [] });
    expect(unpackRoles({ accounts: [], roles: [] })).toEqual([]);
  });
});
