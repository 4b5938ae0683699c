import { describe, expect, it } from "vitest";
import {
  assertPlanAllowed,
  buildConfirmationPhrase,
  deletesEveryAccount,
  digestPlan,
} from "@/lib/entitlements/config-guard";
import { planConfig } from "@/lib/entitlements/config-plan";
import type { FlatConfig } from "@/lib/entitlements/config-schema";

const account = (id: string, environment: string) => ({
  id,
  name: `acct-${id}`,
  environment,
  partition: "aws",
  description: null,
  owner: null,
});
const role = (accountId: string) => ({
  accountId,
  name: "Admin",
  path: "/",
  description: null,
  maxSessionDuration: 3600,
  samlProviderName: null,
  requireReason: false,
  defaultSessionDuration: null,
  sessionDurationLimit: null,
  readOnlyFirst: false,
  stepUpMinutes: null,
  approvalsRequired: 1,
});
const mapping = (accountId: string, group: string) => ({
  accountId,
  roleName: "Admin",
  group,
  maxDurationSeconds: null,
  kind: "standing",
  approverGroup: null,
  maxGrantSeconds: null,
});

function state(parts: { accounts: [string, string][]; mappings: [string, string][] }): FlatConfig {
  return {
    accounts: new Map(parts.accounts.map(([id, env]) => [id, account(id, env)])),
    roles: new Map(parts.accounts.map(([id]) => [`${id}/Admin`, role(id)])),
    mappings: new Map(parts.mappings.map(([id, group]) => [`${id}/Admin/${group}`, mapping(id, group)])),
  };
}

const current = state({
  accounts: [
    ["111111111111", "dev"],
    ["333333333333", "prod"],
  ],
  mappings: [
    ["111111111111", "engineering"],
    ["333333333333", "platform-admins"],
  ],
});

describe("config guard", () => {
  it("asks for a phrase only when a plan deletes accounts or production mappings", () => {
    const withoutDevMapping = state({
      accounts: [
        ["111111111111", "dev"],
        ["333333333333", "prod"],
      ],
      mappings: [["333333333333", "platform-admins"]],
    });
    expect(buildConfirmationPhrase(planConfig(current, withoutDevMapping), current)).toBeNull();
    const withoutProdMapping = state({
      accounts: [
        ["111111111111", "dev"],
        ["333333333333", "prod"],
      ],
      mappings: [["111111111111", "engineering"]],
    });
    expect(buildConfirmationPhrase(planConfig(current, withoutProdMapping), current)).toBe(
      "delete 1 production mapping",
    );
    const empty = state({ accounts: [], mappings: [] });
    expect(buildConfirmationPhrase(planConfig(current, empty), current)).toBe(
      "delete 2 accounts and 1 production mapping",
    );
    expect(deletesEveryAccount(planConfig(current, empty), current)).toBe(true);
    expect(deletesEveryAccount(planConfig(current, withoutProdMapping), current)).toBe(false);
  });

  it("binds the digest to the exact text and the database state", () => {
    const digest = digestPlan({ text: "accounts: []\n", current });
    expect(digest).toMatch(/^[0-9a-f]{64}$/);
    expect(digestPlan({ text: "accounts: []\n", current })).toBe(digest);
    expect(digestPlan({ text: "accounts: [] \n", current })).not.toBe(digest);
    const changed = state({ accounts: [["111111111111", "dev"]], mappings: [] });
    expect(digestPlan({ text: "accounts: []\n", current: changed })).not.toBe(digest);
  });

  it("refuses a stale or unconfirmed reviewed plan, and the CLI's delete-everything without the flag", () => {
    const text = "accounts: []\n";
    const changes = planConfig(current, state({ accounts: [], mappings: [] }));
    const digest = digestPlan({ text, current });
    const check = (guard: Parameters<typeof assertPlanAllowed>[0]["guard"]) => () =>
      assertPlanAllowed({ changes, current, guard });
    expect(check({ kind: "reviewed", text, digest: "0".repeat(64) })).toThrow(/Run the dry run again/);
    expect(check({ kind: "reviewed", text, digest })).toThrow('type "delete 2 accounts and 1 production mapping"');
    expect(check({ kind: "reviewed", text, digest, confirmation: "delete" })).toThrow(/type/);
    expect(
      check({ kind: "reviewed", text, digest, confirmation: "delete 2 accounts and 1 production mapping" }),
    ).not.toThrow();
    expect(check({ kind: "cli", allowDeleteAll: false })).toThrow(/--allow-delete-all/);
    expect(check({ kind: "cli", allowDeleteAll: true })).not.toThrow();
  });
});
