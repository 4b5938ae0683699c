import { stringify } from "yaml";
import { buildRoleArn } from "@/lib/aws/arn";
import { quotePosix } from "@/lib/aws/credential-formats";
import type { Partition } from "@/lib/entitlements/schemas";

/**
 * What an AWS admin runs to cut off one person's live AWS credentials: AWS's documented way to
 * revoke a role's temporary credentials (an inline Deny on aws:TokenIssueTime), narrowed to the
 * person's SourceIdentity so everyone else on the role keeps working. Pure; the bash commands,
 * CloudFormation and Terraform all carry the same policy.
 */

export type RevocationRole = {
  accountId: string;
  accountName?: string;
  partition: Partition;
  roleName: string;
  rolePath: string;
};

export type RevocationInput = {
  /** The person's SourceIdentity as AWS returned it at issuance (the audit log records it). */
  sourceIdentity: string;
  /** Roles where the person holds credentials that must stop working. */
  roles: RevocationRole[];
  /** Credentials issued before this instant are denied. */
  issuedBefore: Date;
  /** The latest expiry among those credentials: the deny can be removed after it. */
  credentialsExpireBy: Date;
};

export type RevocationPolicy = {
  Version: "2012-10-17";
  Statement: {
    Sid: string;
    Effect: "Deny";
    Action: "*";
    Resource: "*";
    Condition: {
      DateLessThan: { "aws:TokenIssueTime": string };
      StringEquals: { "aws:SourceIdentity": string };
    };
  }[];
};

export type AccountRevocation = { accountId: string; partition: Partition; cloudFormation: string; terraform: string };

export type Revocation = {
  policyName: string;
  /** The policy as put-role-policy sends it (compact JSON). */
  policyDocument: string;
  /** bash: one put-role-policy per role, grouped by account. */
  putCommands: string;
  /** bash: the matching delete-role-policy commands, to run after `credentialsExpireBy`. */
  deleteCommands: string;
  accounts: AccountRevocation[];
};

/** One policy name per person, so revoking them again replaces the statement instead of adding one. */
export function buildRevocationPolicyName(sourceIdentity: string): string {
  return `AirlockRevoke-${sourceIdentity.replace(/[^\w+=,.@-]/g, "-")}`.slice(0, 128);
}

// Rounded up to the second, as AWS writes these times: truncating would spare credentials issued
// in the cut-off's own second.
function formatCutOff(issuedBefore: Date): string {
  const seconds = Math.ceil(issuedBefore.getTime() / 1000);
  if (!Number.isFinite(seconds)) throw new Error("issuedBefore is not a valid time");
  return new Date(seconds * 1000).toISOString().replace(".000Z", "Z");
}

export function buildRevocationPolicy({
  sourceIdentity,
  issuedBefore,
}: {
  sourceIdentity: string;
  issuedBefore: Date;
}): RevocationPolicy {
  return {
    Version: "2012-10-17",
    Statement: [
      {
        Sid: "AirlockRevokeOlderSessions",
        Effect: "Deny",
        Action: "*",
        Resource: "*",
        Condition: {
          DateLessThan: { "aws:TokenIssueTime": formatCutOff(issuedBefore) },
          StringEquals: { "aws:SourceIdentity": sourceIdentity },
        },
      },
    ],
  };
}

/** Text for a `#` comment: a newline in an account name must not end the comment. */
const oneLine = (value: string) => value.replace(/[\u0000-\u001f\u007f\u2028\u2029]/g, " ");

/** A double-quoted HCL string: JSON-like escapes, and `${`/`%{` doubled so nothing is interpolated. */
function hclString(value: string): string {
  const escapes: Record<string, string> = { "\\": "\\\\", '"': '\\"', "\n": "\\n", "\r": "\\r", "\t": "\\t" };
  const body = value
    .replace(/[\\"\u0000-\u001f]/g, (c) => escapes[c] ?? `\\u${c.charCodeAt(0).toString(16).padStart(4, "0")}`)
    .replace(/([$%])\{/g, "$1$1{");
  return `"${body}"`;
}

/** Identifiers derived from names, made unique when two names sanitise alike. */
function uniqueIds(names: string[], toId: (name: string) => string): string[] {
  const seen = new Set<string>();
  return names.map((name) => {
    const base = toId(name);
    let id = base;
    for (let n = 2; seen.has(id); n++) id = `${base}${n}`;
    seen.add(id);
    return id;
  });
}

function groupByAccount(roles: RevocationRole[]): RevocationRole[][] {
  const accounts = new Map<string, Map<string, RevocationRole>>();
  for (const role of roles) {
    const account = accounts.get(role.accountId) ?? new Map<string, RevocationRole>();
    account.set(role.roleName, account.get(role.roleName) ?? role);
    accounts.set(role.accountId, account);
  }
  return [...accounts.values()].map((account) => [...account.values()]);
}

const describeAccount = ({ accountId, accountName, partition }: RevocationRole) =>
  oneLine(
    `AWS account ${accountId}${accountName ? ` (${accountName})` : ""}${partition === "aws" ? "" : `, ${partition}`}`,
  );

/** A bash word: left bare when nothing in it is special to the shell, single-quoted otherwise. */
const shellWord = (value: string) => (/^[\w@%+=:,./-]+$/.test(value) ? value : quotePosix(value));

function buildScript(header: string[], accounts: RevocationRole[][], command: (role: RevocationRole) => string[]) {
  const blocks = accounts.map((roles) => [
    `# ${describeAccount(roles[0])}: run with an administrator's credentials for this account (for example AWS_PROFILE=<a profile for ${roles[0].accountId}>).`,
    ...roles.flatMap((role) => [
      `# ${oneLine(buildRoleArn({ partition: role.partition, accountId: role.accountId, path: role.rolePath, name: role.roleName }))}`,
      command(role).map(shellWord).join(" "),
    ]),
  ]);
  return [...header, ...blocks.map((lines) => ["", ...lines])].flat().join("\n") + "\n";
}

// What every artefact of one revocation says.
type Facts = {
  what: string;
  policyName: string;
  policy: RevocationPolicy;
  policyDocument: string;
  removeAfter: string;
};

function buildCloudFormation(roles: RevocationRole[], { what, policyName, policy, removeAfter }: Facts): string {
  const ids = uniqueIds(
    roles.map((r) => r.roleName),
    (name) => `Revoke${name.replace(/[^A-Za-z0-9]/g, "")}`,
  );
  const resources = roles.map((role, i) => [
    ids[i],
    {
      Type: "AWS::IAM::RolePolicy",
      Properties: { RoleName: role.roleName, PolicyName: policyName, PolicyDocument: policy },
    },
  ]);
  return stringify(
    {
      AWSTemplateFormatVersion: "2010-09-09",
      Description: `Airlock: deny ${what} in ${describeAccount(roles[0])}; delete this stack after ${removeAfter}.`,
      Resources: Object.fromEntries(resources),
    },
    // Quoted, so a YAML 1.1 reader cannot take the policy's dates for timestamps.
    { lineWidth: 0, defaultStringType: "QUOTE_DOUBLE", defaultKeyType: "PLAIN" },
  );
}

function buildTerraform(roles: RevocationRole[], { what, policyName, policyDocument, removeAfter }: Facts): string {
  const ids = uniqueIds(
    roles.map((r) => r.roleName),
    (name) => `revoke_${name.replace(/[^A-Za-z0-9_-]/g, "_")}`,
  );
  const blocks = roles.map(
    (role, i) =>
      `resource "aws_iam_role_policy" "${ids[i]}" {\n  name   = ${hclString(policyName)}\n  role   = ${hclString(role.roleName)}\n  policy = ${hclString(policyDocument)}\n}\n`,
  );
  const header =
    `# Airlock: deny ${what} in ${describeAccount(roles[0])}.\n` +
    `# Apply with a provider for account ${roles[0].accountId}; remove these resources after ${removeAfter}, when the revoked credentials have expired.\n`;
  return [header, ...blocks].join("\n");
}

/** Everything an AWS admin needs to revoke one person's credentials on the given roles, and to undo it later. */
export function buildRevocation({
  sourceIdentity,
  roles,
  issuedBefore,
  credentialsExpireBy,
}: RevocationInput): Revocation {
  const policyName = buildRevocationPolicyName(sourceIdentity);
  const policy = buildRevocationPolicy({ sourceIdentity, issuedBefore });
  const policyDocument = JSON.stringify(policy);
  const cutOff = policy.Statement[0].Condition.DateLessThan["aws:TokenIssueTime"];
  const facts: Facts = {
    what: oneLine(`AWS credentials issued to ${sourceIdentity} (SourceIdentity) before ${cutOff}`),
    policyName,
    policy,
    policyDocument,
    removeAfter: credentialsExpireBy.toISOString(),
  };
  const accounts = groupByAccount(roles);
  return {
    policyName,
    policyDocument,
    putCommands: buildScript([`# Airlock: deny ${facts.what}.`], accounts, (role) => [
      ...["aws", "iam", "put-role-policy", "--role-name", role.roleName, "--policy-name", policyName],
      ...["--policy-document", policyDocument],
    ]),
    deleteCommands: buildScript(
      [
        `# Airlock: lift the deny on ${facts.what}. Run after ${facts.removeAfter}, when those credentials have expired.`,
      ],
      accounts,
      (role) => ["aws", "iam", "delete-role-policy", "--role-name", role.roleName, "--policy-name", policyName],
    ),
    accounts: accounts.map((account) => ({
      accountId: account[0].accountId,
      partition: account[0].partition,
      cloudFormation: buildCloudFormation(account, facts),
      terraform: buildTerraform(account, facts),
    })),
  };
}
