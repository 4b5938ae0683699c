import { createHash } from "node:crypto";

/**
 * The emulator's small IAM world: accounts, SAML providers (with the metadata an admin uploaded)
 * and roles (with trust policies, MaxSessionDuration and inline policies), loaded from JSON.
 */

export type PolicyStatement = {
  Sid?: string;
  Effect: "Allow" | "Deny";
  Principal?: { Federated?: string | string[] };
  Action: string | string[];
  Resource?: string | string[];
  Condition?: Record<string, Record<string, string | string[]>>;
};

export type EmulatorProvider = { accountId: string; name: string; metadataXml?: string; metadataUrl?: string };
export type EmulatorRole = {
  accountId: string;
  name: string;
  path?: string;
  maxSessionDuration: number;
  /** Set by UpdateRole. */
  description?: string;
  trustPolicy: { Version: string; Statement: PolicyStatement[] };
  /** Inline permission policies by name, as PutRolePolicy stored them (JSON text). */
  inlinePolicies?: Record<string, string>;
};
export type EmulatorState = { partition?: string; providers: EmulatorProvider[]; roles: EmulatorRole[] };

export const list = (v: string | string[] | undefined): string[] => (v === undefined ? [] : Array.isArray(v) ? v : [v]);

/** IAM's wildcards: `*` any run of characters, `?` one character. */
export function matchesWildcard(pattern: string, value: string, { ignoreCase = false } = {}): boolean {
  const source = pattern
    .replace(/[.+^${}()|[\]\\]/g, "\\$&")
    .replace(/\*/g, ".*")
    .replace(/\?/g, ".");
  return new RegExp(`^${source}$`, ignoreCase ? "is" : "s").test(value);
}

// Action names are case-insensitive in IAM.
export const actionMatches = (patterns: string[], action: string): boolean =>
  patterns.some((p) => matchesWildcard(p, action, { ignoreCase: true }));

const dateOperators: Record<string, (actual: number, expected: number) => boolean> = {
  DateLessThan: (a, e) => a < e,
  DateGreaterThan: (a, e) => a > e,
};
export const supportedConditionOperators = ["StringEquals", "StringLike", ...Object.keys(dateOperators)];

/**
 * The condition operators Airlock's policies use; any other operator does not match. Condition
 * keys are case-insensitive, values are not; a missing key matches nothing.
 */
export function conditionsHold(condition: PolicyStatement["Condition"], context: Record<string, string>): boolean {
  if (!condition) return true;
  const lookup = new Map(Object.entries(context).map(([key, value]) => [key.toLowerCase(), value]));
  return Object.entries(condition).every(([operator, keys]) =>
    Object.entries(keys).every(([key, expected]) => {
      const actual = lookup.get(key.toLowerCase());
      if (actual === undefined) return false;
      if (operator === "StringEquals") return list(expected).includes(actual);
      if (operator === "StringLike") return list(expected).some((p) => matchesWildcard(p, actual));
      const compare = dateOperators[operator];
      return compare !== undefined && list(expected).some((e) => compare(Date.parse(actual), Date.parse(e)));
    }),
  );
}

/** IAM's answer for one action: an explicit Deny wins, otherwise some Allow must match. */
export function isAllowedByTrust(
  role: EmulatorRole,
  { providerArn, action, context }: { providerArn: string; action: string; context: Record<string, string> },
): boolean {
  let allowed = false;
  for (const statement of role.trustPolicy.Statement) {
    const principalMatches = list(statement.Principal?.Federated).includes(providerArn);
    if (
      !principalMatches ||
      !actionMatches(list(statement.Action), action) ||
      !conditionsHold(statement.Condition, context)
    )
      continue;
    if (statement.Effect === "Deny") return false;
    allowed = true;
  }
  return allowed;
}

export function roleArnOf(role: EmulatorRole, partition = "aws"): string {
  return `arn:${partition}:iam::${role.accountId}:role${role.path ?? "/"}${role.name}`;
}

/** A stable AROA… id per role, as IAM gives every role one. */
export function roleIdOf(role: EmulatorRole, partition = "aws"): string {
  return `AROA${createHash("sha256").update(roleArnOf(role, partition)).digest("hex").slice(0, 17).toUpperCase()}`;
}

export function providerArnOf(provider: EmulatorProvider, partition = "aws"): string {
  return `arn:${partition}:iam::${provider.accountId}:saml-provider/${provider.name}`;
}

/** A trust policy like the one Airlock's generated CloudFormation writes. */
export function buildSamlTrustPolicy(
  providerArn: string,
  samlEndpoint = "https://signin.aws.amazon.com/saml",
): EmulatorRole["trustPolicy"] {
  return {
    Version: "2012-10-17",
    Statement: [
      {
        Effect: "Allow",
        Principal: { Federated: providerArn },
        Action: ["sts:AssumeRoleWithSAML", "sts:TagSession", "sts:SetSourceIdentity"],
        Condition: { StringEquals: { "SAML:aud": samlEndpoint } },
      },
    ],
  };
}

/** The demo's IAM: sandbox, staging and production, each trusting the `airlock` provider. */
export function buildDemoState({
  metadataUrl,
  providerName = "airlock",
}: {
  metadataUrl?: string;
  providerName?: string;
}): EmulatorState {
  const accounts = ["111111111111", "222222222222", "333333333333"];
  const roles: [string, number][] = [
    ["Developer", 28_800],
    ["ReadOnly", 43_200],
    ["Admin", 3_600],
  ];
  const providers = accounts.map((accountId) => ({ accountId, name: providerName, metadataUrl }));
  return {
    providers,
    roles: providers.flatMap((provider) =>
      roles.map(([name, maxSessionDuration]) => ({
        accountId: provider.accountId,
        name,
        maxSessionDuration,
        trustPolicy: buildSamlTrustPolicy(providerArnOf(provider)),
      })),
    ),
  };
}
