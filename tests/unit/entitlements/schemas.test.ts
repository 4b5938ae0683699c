import { describe, expect, it } from "vitest";
import { entitlementsConfigSchema } from "@/lib/entitlements/config-schema";
import { accountInputSchema, formatIssues, groupMappingInputSchema, roleInputSchema } from "@/lib/entitlements/schemas";

const account = { id: "123456789012", name: "sandbox", environment: "dev" };
const role = { accountId: "123456789012", name: "Developer" };

function problemsOf(result: { success: boolean; error?: Parameters<typeof formatIssues>[0] }): string {
  return result.success || !result.error ? "" : formatIssues(result.error);
}

describe("entitlement schemas", () => {
  it.each([
    [{ ...account, id: "12345678901" }, "id: An AWS account id is exactly 12 digits"],
    [{ ...account, id: "12345678901a" }, "exactly 12 digits"],
    [{ ...account, name: " " }, "name: An account needs a name."],
    [{ ...account, environment: "Prod Env" }, "environment: Environment labels"],
    [{ ...account, partition: "aws-mars" }, "partition: The partition is one of aws, aws-us-gov or aws-cn."],
  ])("refuses account %j", (input, message) => {
    expect(problemsOf(accountInputSchema.safeParse(input))).toContain(message);
  });

  it("normalises a valid account", () => {
    expect(accountInputSchema.parse({ ...account, environment: "PROD", description: "  " })).toEqual({
      ...account,
      environment: "prod",
      partition: "aws",
      description: null,
    });
  });

  it.each([
    [{ ...role, name: "has space" }, "name: IAM role names"],
    [{ ...role, name: "x".repeat(65) }, "IAM role names are 1-64"],
    [{ ...role, path: "team/" }, "path: IAM role paths start and end with '/'"],
    [{ ...role, path: "/team" }, "IAM role paths start and end"],
    [{ ...role, maxSessionDuration: 600 }, "at least 15 minutes (900 seconds)"],
    [{ ...role, maxSessionDuration: 43_201 }, "at most 12 hours (43200 seconds)"],
    [{ ...role, samlProviderName: "no spaces" }, "IAM SAML provider names"],
  ])("refuses role %j", (input, message) => {
    expect(problemsOf(roleInputSchema.safeParse(input))).toContain(message);
  });

  it("accepts IAM paths and the full duration range", () => {
    expect(roleInputSchema.parse({ ...role, path: "/team/platform/", maxSessionDuration: 43_200 })).toMatchObject({
      path: "/team/platform/",
      maxSessionDuration: 43_200,
    });
    expect(roleInputSchema.parse(role)).toMatchObject({ path: "/", maxSessionDuration: 3600 });
  });

  it.each([
    [
      { ...role, maxSessionDuration: 3600, sessionDurationLimit: 7200 },
      "sessionDurationLimit: The session limit cannot",
    ],
    [{ ...role, sessionDurationLimit: 600 }, "sessionDurationLimit: Session durations are at least 15 minutes"],
    [{ ...role, defaultSessionDuration: 600 }, "defaultSessionDuration: Session durations are at least 15 minutes"],
    [
      { ...role, maxSessionDuration: 43_200, sessionDurationLimit: 7200, defaultSessionDuration: 14_400 },
      "defaultSessionDuration: The default session cannot be longer than the session limit",
    ],
    [{ ...role, maxSessionDuration: 3600, defaultSessionDuration: 7200 }, "The default session cannot"],
    [{ ...role, stepUpMinutes: 0 }, "stepUpMinutes: Step-up is at least 1 minute."],
    [{ ...role, stepUpMinutes: 1441 }, "stepUpMinutes: Step-up is at most 1440 minutes (a day)."],
    [{ ...role, stepUpMinutes: 1.5 }, "stepUpMinutes: Step-up is a whole number of minutes"],
    [{ ...role, stepUpMinutes: Number.NaN }, "stepUpMinutes: Step-up is a number of minutes"],
  ])("refuses guardrails %j", (input, message) => {
    expect(problemsOf(roleInputSchema.safeParse(input))).toContain(message);
  });

  it("accepts guardrails within the role's maximum, and none by default", () => {
    expect(roleInputSchema.parse(role)).toMatchObject({ requireReason: false });
    expect(
      roleInputSchema.parse({
        ...role,
        maxSessionDuration: 43_200,
        sessionDurationLimit: 7200,
        defaultSessionDuration: 7200,
        requireReason: true,
      }),
    ).toMatchObject({ sessionDurationLimit: 7200, defaultSessionDuration: 7200, requireReason: true });
    expect(roleInputSchema.parse({ ...role, sessionDurationLimit: 900, defaultSessionDuration: 900 })).toMatchObject({
      sessionDurationLimit: 900,
    });
    expect(roleInputSchema.parse({ ...role, stepUpMinutes: 15 })).toMatchObject({ stepUpMinutes: 15 });
    expect(roleInputSchema.parse({ ...role, stepUpMinutes: null })).toMatchObject({ stepUpMinutes: null });
  });

  it("checks the guardrails of roles in a config file too", () => {
    const config = (r: object) => ({ accounts: [{ ...account, roles: [{ name: "Admin", ...r }] }] });
    expect(problemsOf(entitlementsConfigSchema.safeParse(config({ sessionDurationLimit: 7200 })))).toContain(
      "accounts.0.roles.0.sessionDurationLimit: The session limit cannot be longer",
    );
    expect(problemsOf(entitlementsConfigSchema.safeParse(config({ requireReason: "yes" })))).toContain(
      "accounts.0.roles.0.requireReason: requireReason is true or false",
    );
    const parsed = entitlementsConfigSchema.parse(config({ requireReason: true, defaultSessionDuration: 1800 }));
    expect(parsed.accounts[0].roles[0]).toMatchObject({ requireReason: true, defaultSessionDuration: 1800 });
  });

  it("caps mapping durations to the same range", () => {
    expect(
      problemsOf(groupMappingInputSchema.safeParse({ group: "eng", roleId: "r", maxDurationSeconds: 100 })),
    ).toContain("maxDurationSeconds: Session durations are at least 15 minutes");
    expect(groupMappingInputSchema.parse({ group: " eng ", roleId: "r" })).toEqual({
      group: "eng",
      roleId: "r",
      kind: "standing",
    });
  });

  const oneLine = "Write it on one line, without control characters";
  it.each([
    ["name", () => accountInputSchema.safeParse({ ...account, name: 'sandbox\nresource "x" "y" {}' })],
    ["name", () => accountInputSchema.safeParse({ ...account, name: "sand\u2028box" })],
    ["description", () => accountInputSchema.safeParse({ ...account, description: "a\r\nb" })],
    ["owner", () => accountInputSchema.safeParse({ ...account, owner: "team\tlead" })],
    ["description", () => roleInputSchema.safeParse({ ...role, description: "nul\u0000" })],
    ["description", () => roleInputSchema.safeParse({ ...role, description: "reads \u202eesrever" })],
    ["group", () => groupMappingInputSchema.safeParse({ group: "eng\u2029admins", roleId: "r" })],
    ["accounts.0.owner", () => entitlementsConfigSchema.safeParse({ accounts: [{ ...account, owner: "a\u0085b" }] })],
    [
      "accounts.0.roles.0.description",
      () =>
        entitlementsConfigSchema.safeParse({ accounts: [{ ...account, roles: [{ name: "R", description: "a\nb" }] }] }),
    ],
    [
      "accounts.0.roles.0.groups.0",
      () =>
        entitlementsConfigSchema.safeParse({ accounts: [{ ...account, roles: [{ name: "R", groups: ["a\u0007"] }] }] }),
    ],
  ])("refuses control characters and line breaks in %s", (field, check) => {
    const problems = problemsOf(check());
    expect(problems).toContain(`${field}: ${oneLine}`);
  });

  it("keeps names with quotes, braces, dollars and non-Latin letters", () => {
    const name = 'Ünïcødé "prod" ${x} %{y} }} \\';
    expect(accountInputSchema.parse({ ...account, name, description: ` ${name}\n` })).toMatchObject({
      name,
      description: name,
    });
  });
});
