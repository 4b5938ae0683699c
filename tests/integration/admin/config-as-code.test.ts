import { spawnSync } from "node:child_process";
import { writeFileSync } from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parse } from "yaml";
import { isAllowedByTrust } from "@/dev/aws-emulator/state";
import { buildCloudFormationTemplate, buildTerraform } from "@/lib/aws/setup-templates";
import type { Db } from "@/lib/db/client";
import { adminCreateMapping, adminCreateRole, adminDeleteMapping } from "@/lib/entitlements/admin";
import {
  applyEntitlements,
  loadCurrentConfig,
  planEntitlements,
  reviewEntitlements,
} from "@/lib/entitlements/config-apply";
import { ConfigParseError, buildEntitlementsYaml, parseEntitlementsYaml } from "@/lib/entitlements/config-yaml";
import { seedDemo } from "@/prisma/seed";
import { createTempDb, type TempDb } from "@/tests/support/temp-db";

let temp: TempDb;
beforeAll(async () => {
  temp = await createTempDb();
  await seedDemo(temp.db);
});
afterAll(() => temp.cleanup());

const actor = { userId: "user_bob", email: "bob@example.com" };
const guard = { kind: "cli", allowDeleteAll: false } as const;
const snapshot = async () => buildEntitlementsYaml(await loadCurrentConfig(temp.db));

function problemsOf(text: string) {
  try {
    parseEntitlementsYaml(text);
  } catch (error) {
    if (error instanceof ConfigParseError) return error.problems;
    throw error;
  }
  throw new Error("expected the file to be refused");
}

describe("config as code", () => {
  it("reports a bad account id with its line and field, and changes nothing", async () => {
    const before = await snapshot();
    const text = before.replace('"222222222222"', '"22222222222"');
    const problems = problemsOf(text);
    expect(problems).toEqual([
      {
        line: text.split("\n").findIndex((l) => l.includes('"22222222222"')) + 1,
        field: "accounts[1].id",
        message: "An AWS account id is exactly 12 digits, for example 123456789012.",
      },
    ]);
    expect(await snapshot()).toBe(before);
  });

  it("reports YAML syntax errors, unknown fields, unquoted ids and impossible caps with their lines", () => {
    expect(problemsOf('accounts:\n  - id: "111111111111"\n    name: [unclosed\n')[0]).toMatchObject({
      field: "(YAML syntax)",
    });
    expect(
      problemsOf('accounts:\n  - id: "111111111111"\n    name: a\n    environment: dev\n    colour: red\n'),
    ).toEqual([{ line: 2, field: "accounts[0]", message: expect.stringContaining("colour") }]);
    expect(problemsOf("accounts:\n  - id: 111111111111\n    name: a\n    environment: dev\n")[0]).toMatchObject({
      line: 2,
      field: "accounts[0].id",
      message: expect.stringContaining("in quotes"),
    });
    const cap =
      'accounts:\n  - id: "111111111111"\n    name: a\n    environment: dev\n    roles:\n      - name: R\n        maxSessionDuration: 3600\n        groups:\n          - group: g\n            maxDurationSeconds: 7200\n';
    expect(problemsOf(cap)).toEqual([
      {
        line: 10,
        field: "accounts[0].roles[0].groups[0].maxDurationSeconds",
        message: "a mapping's cap cannot exceed the role's maxSessionDuration",
      },
    ]);
  });

  it("importing the exported file is a no-op", async () => {
    const exported = await snapshot();
    expect(await planEntitlements({ db: temp.db, config: parseEntitlementsYaml(exported) })).toEqual([]);
    expect(
      await applyEntitlements({ db: temp.db, config: parseEntitlementsYaml(exported), actor: "test", guard }),
    ).toEqual([]);
  });

  it("plans and applies creates, changes and deletes, audited in one event", async () => {
    const text = (await snapshot())
      .replace(
        "          - data-science\n",
        "          - data-science\n          - group: contractors\n            maxDurationSeconds: 1800\n",
      )
      .replace("Customer-facing workloads", "Customer-facing workloads (PCI)")
      .replace(
        /      - name: Admin\n        path: \/\n        description: Full administrative access\n        maxSessionDuration: 3600\n        groups: \[\]\n/,
        "",
      );
    const config = parseEntitlementsYaml(text);
    const plan = await planEntitlements({ db: temp.db, config });
    expect(plan.map((c) => `${c.kind} ${c.entity} ${c.key}`).sort()).toEqual([
      "create mapping 111111111111/ReadOnly/contractors",
      "delete role 111111111111/Admin",
      "update account 333333333333",
    ]);
    await applyEntitlements({ db: temp.db, config, actor: "bob@example.com", guard });
    expect(await snapshot()).toBe(buildEntitlementsYaml(await loadCurrentConfig(temp.db)));
    expect(await planEntitlements({ db: temp.db, config })).toEqual([]);
    const event = await temp.db.auditEvent.findFirst({
      where: { action: "admin.config.apply" },
      orderBy: { createdAt: "desc" },
    });
    expect(JSON.parse(event!.details!).changes).toHaveLength(3);
  });

  it("round-trips a role's guardrails: applied from the file, exported as written, lifted again", async () => {
    const guarded =
      "        description: View resources and logs, change nothing\n        maxSessionDuration: 43200\n" +
      "        requireReason: true\n        defaultSessionDuration: 1800\n        sessionDurationLimit: 7200\n" +
      "        readOnlyFirst: true\n        stepUpMinutes: 15\n";
    const before = await snapshot();
    const text = before.replace(
      /(accounts:[\s\S]*?id: "333333333333"[\s\S]*?- name: ReadOnly\n        path: \/\n)        description: View resources and logs, change nothing\n        maxSessionDuration: 43200\n/,
      `$1${guarded}`,
    );
    expect(text).not.toBe(before);
    const config = parseEntitlementsYaml(text);
    const plan = await planEntitlements({ db: temp.db, config });
    expect(plan.map((c) => `${c.kind} ${c.entity} ${c.key}`)).toEqual(["update role 333333333333/ReadOnly"]);
    await applyEntitlements({ db: temp.db, config, actor: "bob@example.com", guard });
    expect(
      await temp.db.role.findFirst({
        where: { accountId: "333333333333", name: "ReadOnly" },
        select: {
          requireReason: true,
          defaultSessionDuration: true,
          sessionDurationLimit: true,
          readOnlyFirst: true,
          stepUpMinutes: true,
        },
      }),
    ).toEqual({
      requireReason: true,
      defaultSessionDuration: 1800,
      sessionDurationLimit: 7200,
      readOnlyFirst: true,
      stepUpMinutes: 15,
    });
    expect(await snapshot()).toBe(text);
    expect(await planEntitlements({ db: temp.db, config: parseEntitlementsYaml(text) })).toEqual([]);

    await applyEntitlements({ db: temp.db, config: parseEntitlementsYaml(before), actor: "bob@example.com", guard });
    expect(await snapshot()).toBe(before);
  });

  it("round-trips eligible mappings, their approvers and grant limits, and a role's two approvals", async () => {
    const before = await snapshot();
    // The demo already has one: engineering may request production/Admin, approved by sre.
    expect(before).toContain(
      "          - group: engineering\n            kind: eligible\n            approverGroup: sre\n            maxGrantSeconds: 14400\n",
    );
    const text = before
      .replace(
        /(id: "333333333333"[\s\S]*?- name: Admin\n[\s\S]*?maxSessionDuration: 3600\n)(        groups:\n)/,
        "$1        approvalsRequired: 2\n$2",
      )
      .replace(
        "            maxGrantSeconds: 14400\n          - sre\n",
        "            maxGrantSeconds: 14400\n          - group: oncall\n            kind: eligible\n          - sre\n",
      );
    expect(text).not.toBe(before);
    const config = parseEntitlementsYaml(text);
    const plan = await planEntitlements({ db: temp.db, config });
    expect(plan.map((c) => `${c.kind} ${c.entity} ${c.key}`).sort()).toEqual([
      "create mapping 333333333333/Admin/oncall",
      "update role 333333333333/Admin",
    ]);
    await applyEntitlements({ db: temp.db, config, actor: "bob@example.com", guard });
    const admin = await temp.db.role.findFirstOrThrow({
      where: { accountId: "333333333333", name: "Admin" },
      select: { approvalsRequired: true, mappings: { where: { group: "oncall" } } },
    });
    expect(admin.approvalsRequired).toBe(2);
    expect(admin.mappings).toMatchObject([{ kind: "eligible", approverGroup: null, maxGrantSeconds: null }]);
    expect(await snapshot()).toBe(text);

    // Approvers and a grant limit on a standing mapping are refused with their line.
    const wrong = before.replace("          - sre\n", "          - group: sre\n            approverGroup: security\n");
    expect(
      problemsOf(wrong)
        .map((p) => p.message)
        .join(" "),
    ).toContain("approverGroup and maxGrantSeconds apply to kind: eligible mappings only");
    await applyEntitlements({ db: temp.db, config: parseEntitlementsYaml(before), actor: "bob@example.com", guard });
    expect(await snapshot()).toBe(before);
  });

  it("an apply that fails halfway changes nothing", async () => {
    const before = await snapshot();
    const config = parseEntitlementsYaml(
      before
        .replace(/groups:\n          - engineering/g, "groups:\n          - engineering\n          - newcomers")
        .replace("name: staging", "name: staging-eu"),
    );
    // The database refuses the second mapping write, after earlier writes of the same apply.
    let writes = 0;
    const failing = new Proxy(temp.db, {
      get(target, prop, receiver) {
        if (prop !== "$transaction") return Reflect.get(target, prop, receiver);
        return (fn: (tx: unknown) => Promise<unknown>, options: unknown) =>
          target.$transaction(
            (tx) =>
              fn(
                new Proxy(tx, {
                  get(t, p, r) {
                    const value = Reflect.get(t, p, r);
                    if (p !== "groupMapping") return value;
                    return {
                      ...value,
                      upsert: (...args: unknown[]) =>
                        ++writes === 2
                          ? Promise.reject(new Error("disk I/O error"))
                          : (value.upsert as (...a: unknown[]) => unknown)(...args),
                    };
                  },
                }),
              ),
            options as never,
          );
      },
    }) as Db;
    await expect(applyEntitlements({ db: failing, config, actor: "test", guard })).rejects.toThrow("disk I/O error");
    expect(writes).toBe(2);
    expect(await snapshot()).toBe(before);
  });
});

describe("admin changes are audited with before and after", () => {
  it("records create and delete of a role mapping", async () => {
    const role = await adminCreateRole({
      db: temp.db,
      actor,
      input: { accountId: "111111111111", name: "DataEngineer", maxSessionDuration: 7200 },
    });
    const mapping = await adminCreateMapping({ db: temp.db, actor, input: { group: "engineering", roleId: role.id } });
    await adminDeleteMapping({ db: temp.db, actor, mappingId: mapping.id });
    const events = await temp.db.auditEvent.findMany({
      where: { roleName: "DataEngineer" },
      orderBy: { createdAt: "asc" },
    });
    expect(events.map((e) => [e.action, e.actor, JSON.parse(e.details!)])).toEqual([
      [
        "admin.role.create",
        "bob@example.com",
        { before: null, after: expect.objectContaining({ name: "DataEngineer", maxSessionDuration: 7200 }) },
      ],
      [
        "admin.mapping.create",
        "bob@example.com",
        { before: null, after: { group: "engineering", maxDurationSeconds: null } },
      ],
      [
        "admin.mapping.delete",
        "bob@example.com",
        { before: { group: "engineering", maxDurationSeconds: null }, after: null },
      ],
    ]);
  });
});

describe("AWS setup templates", () => {
  const input = {
    account: { id: "111111111111", name: "sandbox", partition: "aws" as const },
    roles: [
      { name: "Developer", path: "/team/", maxSessionDuration: 28_800, description: "Build", samlProviderName: null },
      { name: "Short", path: "/", maxSessionDuration: 900, description: null, samlProviderName: null },
    ],
    providerName: "airlock",
    metadataXml:
      '<?xml version="1.0"?>\n<md:EntityDescriptor xmlns:md="urn:oasis:names:tc:SAML:2.0:metadata" entityID="x"/>',
  };

  it("CloudFormation: valid YAML with the documented resource types, properties and trust policy", () => {
    const template = parse(buildCloudFormationTemplate(input)) as {
      AWSTemplateFormatVersion: string;
      Resources: Record<string, { Type: string; Properties: Record<string, unknown> }>;
    };
    expect(template.AWSTemplateFormatVersion).toBe("2010-09-09");
    const allowed: Record<string, string[]> = {
      "AWS::IAM::SAMLProvider": ["Name", "SamlMetadataDocument", "Tags", "AddPrivateKey", "AssertionEncryptionMode"],
      "AWS::IAM::Role": [
        "AssumeRolePolicyDocument",
        "Description",
        "ManagedPolicyArns",
        "MaxSessionDuration",
        "Path",
        "PermissionsBoundary",
        "Policies",
        "RoleName",
        "Tags",
      ],
    };
    const required: Record<string, string[]> = {
      "AWS::IAM::SAMLProvider": ["SamlMetadataDocument"],
      "AWS::IAM::Role": ["AssumeRolePolicyDocument"],
    };
    for (const [id, resource] of Object.entries(template.Resources)) {
      expect(id).toMatch(/^[A-Za-z0-9]+$/);
      expect(Object.keys(allowed)).toContain(resource.Type);
      for (const key of Object.keys(resource.Properties)) expect(allowed[resource.Type]).toContain(key);
      for (const key of required[resource.Type]) expect(resource.Properties[key]).toBeTruthy();
    }
    expect(template.Resources.SamlProviderairlock.Properties).toEqual({
      Name: "airlock",
      SamlMetadataDocument: input.metadataXml,
    });
    const role = template.Resources.RoleDeveloper.Properties;
    expect(role).toMatchObject({ RoleName: "Developer", Path: "/team/", MaxSessionDuration: 28_800 });
    expect(template.Resources.RoleShort.Properties.MaxSessionDuration).toBe(3600);

    // The trust policy, with the provider reference resolved, is what the emulator (and IAM) accept.
    const providerArn = "arn:aws:iam::111111111111:saml-provider/airlock";
    const trustPolicy = JSON.parse(
      JSON.stringify(role.AssumeRolePolicyDocument).replace(
        '{"Ref":"SamlProviderairlock"}',
        JSON.stringify(providerArn),
      ),
    );
    const emulatorRole = { accountId: "111111111111", name: "Developer", maxSessionDuration: 28_800, trustPolicy };
    const context = { "SAML:aud": "https://signin.aws.amazon.com/saml" };
    for (const action of ["sts:AssumeRoleWithSAML", "sts:TagSession", "sts:SetSourceIdentity"])
      expect(isAllowedByTrust(emulatorRole, { providerArn, action, context })).toBe(true);
    expect(
      isAllowedByTrust(emulatorRole, {
        providerArn,
        action: "sts:AssumeRoleWithSAML",
        context: { "SAML:aud": "https://evil.example.com" },
      }),
    ).toBe(false);
  });

  it("Terraform: a SAML provider and each role with its trust policy", () => {
    const tf = buildTerraform(input);
    expect(tf).toContain('resource "aws_iam_saml_provider" "p_airlock"');
    expect(tf).toContain('resource "aws_iam_role" "r_developer"');
    expect(tf).toContain('"Federated": aws_iam_saml_provider.p_airlock.arn');
    expect(tf).toContain("max_session_duration = 28800");
    expect(tf).toContain('"SAML:aud": "https://signin.aws.amazon.com/saml"');
  });

  it("the admin console applies exactly the plan it showed: a changed text or database is refused", async () => {
    const text = (await snapshot()).replace("name: staging", "name: staging-eu");
    const config = parseEntitlementsYaml(text);
    const reviewed = await reviewEntitlements({ db: temp.db, text, config });
    expect(reviewed.changes.map((c) => `${c.kind} ${c.entity} ${c.key}`)).toEqual(["update account 222222222222"]);
    expect(reviewed.confirmationPhrase).toBeNull();
    const apply = (overrides: { text?: string; digest?: string }) =>
      applyEntitlements({
        db: temp.db,
        config,
        actor: "bob@example.com",
        guard: { kind: "reviewed", text: overrides.text ?? text, digest: overrides.digest ?? reviewed.digest },
      });
    const conflict = { code: "conflict", message: expect.stringContaining("Run the dry run again") };
    // The text changed after the dry run (the config applied is the reviewed one; the digest says otherwise).
    await expect(
      apply({
        text: `${text}
# edited`,
      }),
    ).rejects.toMatchObject(conflict);
    // Someone changed the entitlements since the dry run.
    const before = await snapshot();
    const role = await temp.db.role.findFirstOrThrow({ where: { accountId: "111111111111", name: "Developer" } });
    const mapping = await adminCreateMapping({ db: temp.db, actor, input: { group: "interns", roleId: role.id } });
    await expect(apply({})).rejects.toMatchObject(conflict);
    await adminDeleteMapping({ db: temp.db, actor, mappingId: mapping.id });
    expect(await snapshot()).toBe(before);
    // Back to the reviewed state: the same digest applies.
    expect(await apply({})).toHaveLength(1);
    expect(await snapshot()).toContain("name: staging-eu");
  });

  it("a plan deleting accounts or production mappings needs its phrase typed; the CLI refuses deleting everything", async () => {
    const before = await snapshot();
    const text = "accounts: []\n";
    const config = parseEntitlementsYaml(text);
    const reviewed = await reviewEntitlements({ db: temp.db, text, config });
    const accounts = (await temp.db.account.count()).toString();
    expect(reviewed.confirmationPhrase).toMatch(
      new RegExp(`^delete ${accounts} accounts and \\d+ production mappings?$`),
    );
    const apply = (confirmation?: string) =>
      applyEntitlements({
        db: temp.db,
        config,
        actor: "bob@example.com",
        guard: { kind: "reviewed", text, digest: reviewed.digest, confirmation },
      });
    await expect(apply()).rejects.toMatchObject({ code: "invalid_input", message: expect.stringContaining("type") });
    await expect(apply("delete")).rejects.toMatchObject({ code: "invalid_input" });
    await expect(applyEntitlements({ db: temp.db, config, actor: "cli:test", guard })).rejects.toMatchObject({
      message: expect.stringContaining("--allow-delete-all"),
    });
    expect(await snapshot()).toBe(before);

    expect(await apply(reviewed.confirmationPhrase!)).not.toHaveLength(0);
    expect(await temp.db.account.count()).toBe(0);
  });

  it("npm run entitlements -- apply refuses a file that deletes every account without --allow-delete-all", async () => {
    const cli = await createTempDb();
    try {
      await seedDemo(cli.db);
      const empty = path.join(cli.dir, "empty.yaml");
      writeFileSync(empty, "");
      const run = (...args: string[]) =>
        spawnSync("npx", ["tsx", "--conditions=react-server", "scripts/entitlements.ts", ...args], {
          encoding: "utf8",
          env: { ...process.env, AIRLOCK_DEMO: "true", AIRLOCK_DATA_DIR: cli.dir, DATABASE_URL: cli.databaseUrl },
        });
      const refused = run("apply", empty);
      expect(refused.status).toBe(1);
      expect(refused.stderr).toContain("This file deletes every account (3 accounts); nothing was changed.");
      expect(refused.stderr).toContain("--allow-delete-all");
      expect(await cli.db.account.count()).toBe(3);
      const allowed = run("apply", empty, "--allow-delete-all");
      expect(allowed.status, allowed.stderr).toBe(0);
      expect(allowed.stdout).toContain("Applied. 0 to create, 0 to change, 19 to delete.");
      expect(await cli.db.account.count()).toBe(0);
    } finally {
      await cli.cleanup();
    }
  }, 60_000);
  it("npm run entitlements -- plan|apply run with DATABASE_URL as their only setting (a CI job's environment)", async () => {
    const cli = await createTempDb();
    try {
      await seedDemo(cli.db);
      const file = path.join(cli.dir, "entitlements.yaml");
      writeFileSync(file, buildEntitlementsYaml(await loadCurrentConfig(cli.db)).replace("ReadOnly", "ReadOnlyCi"));
      // No AIRLOCK_SECRET, no demo mode, no IdP or signing settings: only what a shell gives plus the URL.
      const env = { PATH: process.env.PATH, HOME: process.env.HOME, NODE_ENV: "production" as const };
      const run = (extra: Record<string, string>, ...args: string[]) =>
        spawnSync("npx", ["tsx", "--conditions=react-server", "scripts/entitlements.ts", ...args], {
          encoding: "utf8",
          env: { ...env, ...extra },
        });
      const plan = run({ DATABASE_URL: cli.databaseUrl }, "plan", file);
      expect(plan.status, plan.stderr).toBe(0);
      expect(plan.stdout).toContain("+ role 111111111111/ReadOnlyCi");
      expect(plan.stdout).toContain("2 to create, 0 to change, 2 to delete.");
      const apply = run({ DATABASE_URL: cli.databaseUrl }, "apply", file);
      expect(apply.status, apply.stderr).toBe(0);
      expect(await cli.db.role.count({ where: { name: "ReadOnlyCi" } })).toBeGreaterThan(0);
      // A database setting it does need is still checked, with the usual message.
      const bad = run({ DATABASE_URL: "mysql://db/airlock" }, "plan", file);
      expect(bad.status).toBe(1);
      expect(bad.stderr).toContain("Invalid configuration: DATABASE_URL must be a SQLite file URL");
    } finally {
      await cli.cleanup();
    }
  }, 60_000);
});
