/**
 * The emulator's small IAM world: accounts, SAML providers (with the metadata an admin uploaded)
 * and roles (with trust policies and MaxSessionDuration), loaded from JSON.
 */

export type PolicyStatement = {
  Sid?: string;
  Effect: "Allow" | "Deny";
  Principal?: { Federated?: string | string[] };
  Action: string | string[];
  Condition?: Record<string, Record<string, string | string[]>>;
};

export type EmulatorProvider = { accountId: string; name: string; metadataXml?: string; metadataUrl?: string };
export type EmulatorRole = {
  accountId: string;
  name: string;
  path?: string;
  maxSessionDuration: number;
  trustPolicy: { Version: string; Statement: PolicyStatement[] };
};
export type EmulatorState = { partition?: string; providers: EmulatorProvider[]; roles: EmulatorRole[] };

const list = (v: string | string[] | undefined): string[] => (v === undefined ? [] : Array.isArray(v) ? v : [v]);

function actionMatches(patterns: string[], action: string): boolean {
  return patterns.some((p) => p === "*" || p === "sts:*" || p.toLowerCase() === action.toLowerCase());
}

/** Only the condition operators a SAML trust policy uses; anything else does not match (fails closed). */
function conditionsHold(condition: PolicyStatement["Condition"], context: Record<string, string>): boolean {
  if (!condition) return true;
  return Object.entries(condition).every(([operator, keys]) =>
    Object.entries(keys).every(([key, expected]) => {
      const actual = context[key];
      if (operator === "StringEquals") return actual !== undefined && list(expected).includes(actual);
      if (operator === "StringLike")
        return (
          actual !== undefined &&
          list(expected).some((p) =>
            new RegExp(
              `^${p
                .replace(/[.+^${}()|[\]\\]/g, "\\$&")
                .replace(/\*/g, ".*")
                .replace(/\?/g, ".")}$`,
            ).test(actual),
          )
        );
      return false;
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
