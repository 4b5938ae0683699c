import type { Caller } from "./caller";
import {
  actionMatches,
  conditionsHold,
  list,
  matchesWildcard,
  roleArnOf,
  supportedConditionOperators,
  type EmulatorState,
  type PolicyStatement,
} from "./state";
import { StsError } from "./sts-error";

/**
 * A role's inline (identity-based) policies: validated as PutRolePolicy validates them, and
 * evaluated for explicit denies only. The emulator does not model Allow statements (every call a
 * role session makes is allowed unless a Deny matches), which is what a revocation needs to prove.
 */

const malformed = (message: string) => new StsError("MalformedPolicyDocument", message);
const isObject = (v: unknown): v is Record<string, unknown> => typeof v === "object" && v !== null && !Array.isArray(v);
const isStringList = (v: unknown) =>
  typeof v === "string" || (Array.isArray(v) && v.length > 0 && v.every((s) => typeof s === "string"));

/** The statements of a policy document, or MalformedPolicyDocument as IAM answers it. */
export function parseIdentityPolicy(text: string): PolicyStatement[] {
  let document: unknown;
  try {
    document = JSON.parse(text);
  } catch {
    throw malformed("Syntax errors in policy.");
  }
  if (!isObject(document) || document.Statement === undefined) throw malformed("Syntax errors in policy.");
  const statements: unknown[] = Array.isArray(document.Statement) ? document.Statement : [document.Statement];
  for (const statement of statements) {
    if (!isObject(statement)) throw malformed("Syntax errors in policy.");
    if (statement.Principal !== undefined) throw malformed("Policy document should not specify a principal.");
    if (statement.Effect !== "Allow" && statement.Effect !== "Deny") throw malformed("Syntax errors in policy.");
    if (!isStringList(statement.Action)) throw malformed("Policy statement must contain actions.");
    if (!isStringList(statement.Resource)) throw malformed("Policy statement must contain resources.");
    const condition = statement.Condition ?? {};
    if (!isObject(condition)) throw malformed("Syntax errors in policy.");
    for (const [operator, keys] of Object.entries(condition)) {
      if (!supportedConditionOperators.includes(operator))
        throw malformed(`Condition operator ${operator} is not supported by the emulator`);
      if (!isObject(keys) || !Object.values(keys).every(isStringList)) throw malformed("Syntax errors in policy.");
    }
  }
  return statements as PolicyStatement[];
}

/** What a role session's requests say about it, for policy conditions. */
function requestContext(caller: Caller & { kind: "session" }): Record<string, string> {
  const { session } = caller;
  return {
    "aws:TokenIssueTime": session.issuedAt.toISOString(),
    ...(session.sourceIdentity ? { "aws:SourceIdentity": session.sourceIdentity } : {}),
    "aws:PrincipalAccount": session.accountId,
    "aws:userid": caller.userId,
    "aws:CurrentTime": new Date().toISOString(),
    ...Object.fromEntries(Object.entries(session.tags).map(([key, value]) => [`aws:PrincipalTag/${key}`, value])),
  };
}

/** Whether an inline policy of the caller's role explicitly denies `action` on `resource`. */
export function isExplicitlyDenied(
  caller: Caller,
  state: EmulatorState,
  { action, resource }: { action: string; resource: string },
): boolean {
  if (caller.kind !== "session") return false;
  const role = state.roles.find((r) => r.accountId === caller.accountId && r.name === caller.session.roleName);
  const context = {
    ...requestContext(caller),
    ...(role ? { "aws:PrincipalArn": roleArnOf(role, state.partition) } : {}),
  };
  return Object.values(role?.inlinePolicies ?? {}).some((text) =>
    parseIdentityPolicy(text).some(
      (statement) =>
        statement.Effect === "Deny" &&
        actionMatches(list(statement.Action), action) &&
        list(statement.Resource).some((pattern) => matchesWildcard(pattern, resource)) &&
        conditionsHold(statement.Condition, context),
    ),
  );
}
