import { execFileSync } from "node:child_process";
import { existsSync, mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { parse } from "yaml";
import { buildRevocation, buildRevocationPolicyName, type RevocationInput } from "@/lib/aws/revocation-policy";

const issuedBefore = new Date("2026-03-01T12:00:00.250Z");
const credentialsExpireBy = new Date("2026-03-01T20:00:00.000Z");

const plain: RevocationInput = {
  sourceIdentity: "alice",
  roles: [
    { accountId: "111111111111", accountName: "sandbox", partition: "aws", roleName: "Developer", rolePath: "/" },
    { accountId: "222222222222", partition: "aws", roleName: "ReadOnly", rolePath: "/team/" },
    { accountId: "111111111111", accountName: "sandbox", partition: "aws", roleName: "Admin", rolePath: "/" },
    { accountId: "111111111111", accountName: "sandbox", partition: "aws", roleName: "Developer", rolePath: "/" },
  ],
  issuedBefore,
  credentialsExpireBy,
};

// Names no IAM role carries, but the generator must not let out of their quotes.
const scratch = mkdtempSync(path.join(os.tmpdir(), "airlock-revoke-"));
const pwned = path.join(scratch, "pwned");
const hostileRoles = [
  `Dev'; touch ${pwned}; echo '`,
  `$(touch ${pwned})\`touch ${pwned}\``,
  `a"b\${jsonencode(1)}%{ if true }x%{ endif }\\`,
  "line\nbreak",
];
const hostile: RevocationInput = {
  sourceIdentity: `mal'lory $(touch ${pwned})\ntouch ${pwned}`,
  roles: hostileRoles.map((roleName) => ({
    accountId: "333333333333",
    accountName: `prod\ntouch ${pwned}`,
    partition: "aws-us-gov",
    roleName,
    rolePath: `/it's/$(touch ${pwned})/`,
  })),
  issuedBefore,
  credentialsExpireBy,
};
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

const expectedPolicy = (sourceIdentity: string) => ({
  Version: "2012-10-17",
  Statement: [
    {
      Sid: "AirlockRevokeOlderSessions",
      Effect: "Deny",
      Action: "*",
      Resource: "*",
      Condition: {
        DateLessThan: { "aws:TokenIssueTime": "2026-03-01T12:00:01Z" },
        StringEquals: { "aws:SourceIdentity": sourceIdentity },
      },
    },
  ],
});

/** Runs a generated script in a real bash where `aws` prints its arguments as one JSON line. */
function runWithStubAws(script: string): string[][] {
  const stub = `aws() { ${JSON.stringify(process.execPath)} -e 'console.log(JSON.stringify(process.argv.slice(1)))' -- "$@"; }`;
  const out = execFileSync("bash", ["-c", `${stub}\n${script}`], { encoding: "utf8", cwd: scratch });
  return out
    .trim()
    .split("\n")
    .map((line) => JSON.parse(line) as string[]);
}

/** Reads back a double-quoted HCL string the way Terraform would. */
function decodeHcl(literal: string): string {
  expect(literal).toMatch(/^"(?:[^"\\]|\\.)*"$/);
  expect(literal.replace(/\$\$\{|%%\{/g, "")).not.toMatch(/\$\{|%\{/);
  return literal
    .slice(1, -1)
    .replace(/\$\$\{/g, "${")
    .replace(/%%\{/g, "%{")
    .replace(/\\(u[0-9a-f]{4}|.)/g, (_, e: string) =>
      e.length > 1 ? String.fromCharCode(parseInt(e.slice(1), 16)) : ({ n: "\n", r: "\r", t: "\t" }[e] ?? e),
    );
}

// Each generated command starts a node process; a busy machine needs more than the default 5 s.
describe("revocation policy", { timeout: 60_000 }, () => {
  it("is AWS's documented deny on aws:TokenIssueTime, scoped to the person's SourceIdentity, cut-off rounded up", () => {
    const revocation = buildRevocation(plain);
    expect(revocation.policyName).toBe("AirlockRevoke-alice");
    expect(JSON.parse(revocation.policyDocument)).toEqual(expectedPolicy("alice"));
  });

  it("names the policy once per person, within IAM's policy-name rules", () => {
    const later = buildRevocation({ ...plain, issuedBefore: new Date("2026-03-02T00:00:00Z") });
    expect(later.policyName).toBe(buildRevocation(plain).policyName);
    expect(buildRevocation({ ...plain, sourceIdentity: "bob" }).policyName).not.toBe(later.policyName);
    for (const name of [buildRevocation(hostile).policyName, buildRevocationPolicyName("x".repeat(200))])
      expect(name).toMatch(/^[\w+=,.@-]{1,128}$/);
  });

  it("put-role-policy commands, per account and role once, run by bash, pass exactly the intended arguments", () => {
    const { putCommands, policyDocument } = buildRevocation(plain);
    const put = (role: string) => [
      ...["iam", "put-role-policy", "--role-name", role, "--policy-name", "AirlockRevoke-alice"],
      ...["--policy-document", policyDocument],
    ];
    expect(runWithStubAws(putCommands)).toEqual([put("Developer"), put("Admin"), put("ReadOnly")]);
    expect(putCommands).toContain(
      "# AWS account 111111111111 (sandbox): run with an administrator's credentials for this account",
    );
    expect(putCommands).toContain("# arn:aws:iam::222222222222:role/team/ReadOnly\n");
  });

  it("delete-role-policy commands say when to run them and remove the same policy", () => {
    const { deleteCommands } = buildRevocation(plain);
    expect(deleteCommands).toContain("Run after 2026-03-01T20:00:00.000Z");
    expect(runWithStubAws(deleteCommands)).toEqual(
      ["Developer", "Admin", "ReadOnly"].map((role) => [
        ...["iam", "delete-role-policy", "--role-name", role, "--policy-name", "AirlockRevoke-alice"],
      ]),
    );
  });

  it("hostile names and account labels stay inside their quotes and comments in bash", () => {
    const revocation = buildRevocation(hostile);
    const expected = (verb: string) =>
      hostileRoles.map((role) => ["iam", verb, "--role-name", role, "--policy-name", revocation.policyName]);
    expect(runWithStubAws(revocation.putCommands).map((argv) => argv.slice(0, 6))).toEqual(expected("put-role-policy"));
    expect(runWithStubAws(revocation.deleteCommands)).toEqual(expected("delete-role-policy"));
    expect(existsSync(pwned)).toBe(false);
    expect(JSON.parse(revocation.policyDocument)).toEqual(expectedPolicy(hostile.sourceIdentity));
  });

  it("CloudFormation: one template per account, an AWS::IAM::RolePolicy per role, parsed back exactly", () => {
    for (const input of [plain, hostile]) {
      const revocation = buildRevocation(input);
      // CloudFormation reads YAML 1.1, where an unquoted 2012-10-17 would be a timestamp.
      for (const [account, version] of revocation.accounts.flatMap(
        (a) =>
          [
            [a, "1.1"],
            [a, "1.2"],
          ] as const,
      )) {
        const template = parse(account.cloudFormation, { version }) as {
          Description: string;
          Resources: Record<string, { Type: string; Properties: Record<string, unknown> }>;
        };
        const roleNames = [
          ...new Set(input.roles.filter((r) => r.accountId === account.accountId).map((r) => r.roleName)),
        ];
        expect(Object.keys(template.Resources).every((id) => /^[A-Za-z0-9]{1,255}$/.test(id))).toBe(true);
        expect(Object.values(template.Resources)).toEqual(
          roleNames.map((RoleName) => ({
            Type: "AWS::IAM::RolePolicy",
            Properties: {
              RoleName,
              PolicyName: revocation.policyName,
              PolicyDocument: JSON.parse(revocation.policyDocument),
            },
          })),
        );
        expect(template.Description).toContain("delete this stack after 2026-03-01T20:00:00.000Z");
      }
    }
  });

  it("Terraform: aws_iam_role_policy per role, strings escaped so nothing is interpolated", () => {
    const [account] = buildRevocation(hostile).accounts;
    const resources = [
      ...account.terraform.matchAll(
        /^resource "aws_iam_role_policy" "([\w-]+)" \{\n {2}name {3}= (".*")\n {2}role {3}= (".*")\n {2}policy = (".*")\n\}$/gm,
      ),
    ];
    expect(new Set(resources.map((r) => r[1])).size).toBe(hostileRoles.length);
    expect(resources.map((r) => decodeHcl(r[3]))).toEqual(hostileRoles);
    for (const r of resources) {
      expect(decodeHcl(r[2])).toBe(buildRevocation(hostile).policyName);
      expect(JSON.parse(decodeHcl(r[4]))).toEqual(expectedPolicy(hostile.sourceIdentity));
    }
    // Only comments and resource blocks: the account label's newline did not start a new line of HCL.
    for (const line of account.terraform.split("\n")) expect(line).toMatch(/^(#.*|resource .*|  \w+ += ".*"|\}|)$/);
  });
});
