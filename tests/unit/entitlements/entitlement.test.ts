import { describe, expect, it } from "vitest";
import {
  allowedByMapping,
  foldEligibility,
  foldEntitlements,
  limitOfRole,
  type GrantRow,
  type MappingRow,
} from "@/lib/entitlements/entitlement";

type Guardrails = Pick<
  MappingRow,
  "requireReason" | "defaultSessionDuration" | "sessionDurationLimit" | "readOnlyFirst"
>;
const noGuardrails: Guardrails = {
  requireReason: 0,
  defaultSessionDuration: null,
  sessionDurationLimit: null,
  readOnlyFirst: 0,
};

function row(
  group: string,
  roleId: string,
  cap: number | bigint | null,
  maxSessionDuration: number | bigint = 3600,
  guardrails: Partial<Guardrails> = {},
) {
  return {
    ...noGuardrails,
    ...guardrails,
    group,
    cap,
    roleId,
    roleName: roleId === "admin" ? "Admin" : "ReadOnly",
    rolePath: "/",
    roleDescription: null,
    maxSessionDuration,
    samlProviderName: null,
    accountId: "333333333333",
    accountName: "production",
    environment: "prod",
    partition: "aws",
    accountDescription: null,
  } satisfies MappingRow;
}

describe("allowedByMapping", () => {
  it.each([
    { cap: null, roleMax: 3600, allowed: 3600 },
    { cap: 1800, roleMax: 3600, allowed: 1800 },
    { cap: 43_200, roleMax: 3600, allowed: 3600 },
    { cap: 3600, roleMax: 3600, allowed: 3600 },
    { cap: 900, roleMax: 43_200, allowed: 900 },
  ])("a cap of $cap on a role of $roleMax s allows $allowed s", ({ cap, roleMax, allowed }) => {
    expect(allowedByMapping({ cap, roleMax })).toBe(allowed);
  });
});

describe("foldEntitlements", () => {
  it.each([
    {
      name: "no group of the person's is mapped",
      rows: [row("sre", "admin", null)],
      groups: ["engineering"],
      expected: [],
    },
    {
      name: "one mapping without a cap: the role's maximum",
      rows: [row("engineering", "admin", null, 7200)],
      groups: ["engineering"],
      expected: [["Admin", 7200, ["engineering"]]],
    },
    {
      name: "the longest cap among the person's groups wins",
      rows: [row("auditors", "readonly", 900), row("contractors", "readonly", 1800)],
      groups: ["auditors", "contractors"],
      expected: [["ReadOnly", 1800, ["auditors", "contractors"]]],
    },
    {
      name: "a cap above the role's maximum is held to the maximum",
      rows: [row("contractors", "admin", 43_200, 3600)],
      groups: ["contractors"],
      expected: [["Admin", 3600, ["contractors"]]],
    },
    {
      name: "an uncapped mapping beats a capped one",
      rows: [row("auditors", "readonly", 900), row("engineering", "readonly", null, 14_400)],
      groups: ["auditors", "engineering"],
      expected: [["ReadOnly", 14_400, ["auditors", "engineering"]]],
    },
    {
      name: "mappings of groups the person is not in grant nothing, even the longest",
      rows: [row("sre", "readonly", null, 43_200), row("auditors", "readonly", 900, 43_200)],
      groups: ["auditors"],
      expected: [["ReadOnly", 900, ["auditors"]]],
    },
    {
      name: "PostgreSQL's bigint columns read as numbers",
      rows: [row("engineering", "admin", BigInt(1800), BigInt(3600))],
      groups: ["engineering"],
      expected: [["Admin", 1800, ["engineering"]]],
    },
    {
      name: "one entitlement per role, in the order of their first rows",
      rows: [row("engineering", "readonly", null), row("engineering", "admin", 900), row("sre", "readonly", 600)],
      groups: ["engineering", "sre"],
      expected: [
        ["ReadOnly", 3600, ["engineering", "sre"]],
        ["Admin", 900, ["engineering"]],
      ],
    },
  ])("$name", ({ rows, groups, expected }) => {
    const folded = foldEntitlements({ rows, groups });
    expect(folded.map((e) => [e.roleName, e.allowedSessionDuration, e.viaGroups])).toEqual(expected);
  });

  it("carries the role and account as one Entitlement", () => {
    const [entitlement] = foldEntitlements({
      rows: [row("engineering", "admin", 1800, BigInt(7200))],
      groups: ["engineering"],
    });
    expect(entitlement).toEqual({
      roleId: "admin",
      roleName: "Admin",
      rolePath: "/",
      roleDescription: null,
      maxSessionDuration: 7200,
      allowedSessionDuration: 1800,
      defaultSessionDuration: 1800,
      requireReason: false,
      readOnlyFirst: false,
      stepUpMinutes: null,
      samlProviderName: null,
      account: { id: "333333333333", name: "production", environment: "prod", partition: "aws", description: null },
      viaGroups: ["engineering"],
      standing: true,
      grant: null,
    });
  });
});

describe("limitOfRole", () => {
  it.each([
    { roleMax: 43_200, limit: null, expected: 43_200 },
    { roleMax: 43_200, limit: 7200, expected: 7200 },
    // A limit above the maximum (the maximum lowered since) is held to the maximum.
    { roleMax: 3600, limit: 7200, expected: 3600 },
  ])("a limit of $limit on a role of $roleMax s caps at $expected s", ({ roleMax, limit, expected }) => {
    expect(limitOfRole({ roleMax, limit })).toBe(expected);
  });
});

describe("foldEntitlements with guardrails", () => {
  it.each([
    {
      name: "no guardrails: one hour by default, the role's maximum at most",
      rows: [row("engineering", "admin", null, 43_200)],
      expected: { allowed: 43_200, default: 3600, requireReason: false },
    },
    {
      name: "the role's limit caps an uncapped mapping",
      rows: [row("engineering", "admin", null, 43_200, { sessionDurationLimit: 7200 })],
      expected: { allowed: 7200, default: 3600, requireReason: false },
    },
    {
      name: "the role's limit caps a mapping with a longer cap",
      rows: [row("engineering", "admin", 28_800, 43_200, { sessionDurationLimit: BigInt(7200) })],
      expected: { allowed: 7200, default: 3600, requireReason: false },
    },
    {
      name: "a mapping's shorter cap still wins over the role's limit",
      rows: [row("engineering", "admin", 1800, 43_200, { sessionDurationLimit: 7200 })],
      expected: { allowed: 1800, default: 1800, requireReason: false },
    },
    {
      name: "the role's default, when within what is allowed",
      rows: [
        row("engineering", "admin", null, 43_200, { defaultSessionDuration: 14_400, sessionDurationLimit: 28_800 }),
      ],
      expected: { allowed: 28_800, default: 14_400, requireReason: false },
    },
    {
      name: "the default follows the most generous mapping across groups",
      rows: [
        row("auditors", "admin", 900, 43_200, { defaultSessionDuration: 7200 }),
        row("engineering", "admin", null, 43_200, { defaultSessionDuration: 7200 }),
      ],
      expected: { allowed: 43_200, default: 7200, requireReason: false },
    },
    {
      name: "reason required, as SQLite answers it (1)",
      rows: [row("engineering", "admin", null, 3600, { requireReason: 1 })],
      expected: { allowed: 3600, default: 3600, requireReason: true },
    },
    {
      name: "reason required, as PostgreSQL answers it (true)",
      rows: [row("engineering", "admin", null, 3600, { requireReason: true })],
      expected: { allowed: 3600, default: 3600, requireReason: true },
    },
    {
      name: "read-only first, as SQLite answers it (1)",
      rows: [row("engineering", "admin", null, 3600, { readOnlyFirst: 1 })],
      expected: { allowed: 3600, default: 3600, requireReason: false, readOnlyFirst: true },
    },
    {
      name: "read-only first, as PostgreSQL answers it (true), whichever group grants it",
      rows: [
        row("auditors", "admin", 1800, 3600, { readOnlyFirst: true }),
        row("engineering", "admin", null, 3600, { readOnlyFirst: true }),
      ],
      expected: { allowed: 3600, default: 3600, requireReason: false, readOnlyFirst: true },
    },
  ])("$name", ({ rows, expected }) => {
    const [entitlement] = foldEntitlements({ rows, groups: ["auditors", "engineering"] });
    expect({
      allowed: entitlement?.allowedSessionDuration,
      default: entitlement?.defaultSessionDuration,
      requireReason: entitlement?.requireReason,
      ...(entitlement?.readOnlyFirst ? { readOnlyFirst: true } : {}),
    }).toEqual(expected);
  });
});

describe("foldEntitlements with grants", () => {
  const now = new Date("2026-12-02T10:00:00Z");
  const eligible = (group: string, extra: Partial<MappingRow> = {}): MappingRow => ({
    ...row(group, "admin", null, 7200),
    kind: "eligible",
    approverGroup: "sre",
    ...extra,
  });
  const grant = (minutesLeft: number, viaGroups = ["engineering"], requestId = "req1"): GrantRow => {
    return {
      ...row("engineering", "admin", null, 7200),
      requestId,
      reason: "INC-42: failover",
      expiresAt: new Date(now.getTime() + minutesLeft * 60_000).toISOString(),
      viaGroups: JSON.stringify(viaGroups),
    };
  };

  it("an eligible mapping alone gives nothing", () => {
    expect(foldEntitlements({ rows: [eligible("engineering")], groups: ["engineering"], now })).toEqual([]);
  });

  it.each([
    { name: "a live grant gives the role until its end", minutesLeft: 90, groups: ["engineering"], allowed: 5400 },
    { name: "never past the grant's end", minutesLeft: 30, groups: ["engineering"], allowed: 1800 },
    { name: "in its last 15 minutes, AWS's shortest session", minutesLeft: 5, groups: ["engineering"], allowed: 900 },
    { name: "within the role's maximum", minutesLeft: 600, groups: ["engineering"], allowed: 7200 },
    { name: "an ended grant gives nothing", minutesLeft: 0, groups: ["engineering"], allowed: undefined },
    { name: "nothing once the person left the eligible group", minutesLeft: 90, groups: ["sre"], allowed: undefined },
  ])("$name", ({ minutesLeft, groups, allowed }) => {
    const [entitlement] = foldEntitlements({
      rows: [eligible("engineering")],
      groups,
      grants: [grant(minutesLeft)],
      now,
    });
    expect(entitlement?.allowedSessionDuration).toBe(allowed);
    if (allowed) {
      expect(entitlement).toMatchObject({ standing: false, viaGroups: ["engineering"] });
      expect(entitlement?.grant).toEqual({
        requestId: "req1",
        reason: "INC-42: failover",
        expiresAt: new Date(now.getTime() + minutesLeft * 60_000),
      });
    }
  });

  it("a grant's sessions keep to its eligible mapping's session cap", () => {
    const [entitlement] = foldEntitlements({
      rows: [eligible("engineering", { cap: 900 })],
      groups: ["engineering"],
      grants: [grant(480)],
      now,
    });
    expect(entitlement?.allowedSessionDuration).toBe(900);
  });

  it("a grant counts only while its eligible mapping exists", () => {
    expect(foldEntitlements({ rows: [], groups: ["engineering"], grants: [grant(90)], now })).toEqual([]);
  });

  it("standing access and a grant: the more generous, and the role stays standing", () => {
    const [entitlement] = foldEntitlements({
      rows: [row("sre", "admin", 1800, 7200), eligible("engineering")],
      groups: ["engineering", "sre"],
      grants: [grant(90)],
      now,
    });
    expect(entitlement).toMatchObject({
      standing: true,
      allowedSessionDuration: 5400,
      viaGroups: ["sre", "engineering"],
    });
    expect(entitlement?.grant?.requestId).toBe("req1");
  });
});

describe("foldEligibility", () => {
  const eligibleRow = (group: string, extra: Partial<MappingRow>): MappingRow => ({
    ...row(group, "admin", null),
    kind: "eligible",
    approverGroup: null,
    maxGrantSeconds: null,
    approvalsRequired: 1,
    ...extra,
  });

  it("joins the person's eligible mappings: approvers, admins, the longest grant, approvals", () => {
    const rows = [
      eligibleRow("engineering", { approverGroup: "sre", maxGrantSeconds: 3600, approvalsRequired: BigInt(2) }),
      eligibleRow("oncall", { approverGroup: null, maxGrantSeconds: null, approvalsRequired: BigInt(2) }),
      eligibleRow("contractors", { approverGroup: "security", maxGrantSeconds: 900 }),
      row("engineering", "readonly", null),
    ];
    expect(foldEligibility({ rows, groups: ["engineering", "oncall"], defaultMaxGrantSeconds: 8 * 3600 })).toEqual([
      expect.objectContaining({
        roleId: "admin",
        viaGroups: ["engineering", "oncall"],
        approverGroups: ["sre"],
        adminsApprove: true,
        maxGrantSeconds: 8 * 3600,
        approvalsRequired: 2,
      }),
    ]);
  });

  it("is empty for standing mappings and other groups' eligible ones", () => {
    const rows = [row("engineering", "admin", null), eligibleRow("contractors", {})];
    expect(foldEligibility({ rows, groups: ["engineering"], defaultMaxGrantSeconds: 3600 })).toEqual([]);
  });
});
