import { authenticateCaller, type Caller } from "./caller";
import { isExplicitlyDenied, parseIdentityPolicy } from "./identity-policy";
import { isAllowedBySessionPolicies } from "./managed-policies";
import { buildResponseXml, escapeXml, type QueryOutcome } from "./query-xml";
import type { SessionStore } from "./sessions";
import type { SigV4Request } from "./sigv4";
import { roleArnOf, roleIdOf, type EmulatorRole, type EmulatorState } from "./state";
import { StsError } from "./sts-error";

/**
 * The slice of the IAM Query API that revoking a person's credentials needs: role inline policies
 * (Put/Get/Delete/ListRolePolicies, for the account admin), and GetRole and UpdateRole, a read
 * and a write a role session can make, so a test can watch an inline Deny or a read-only session
 * policy take effect. Same XML and errors as IAM.
 */

export const IAM_NS = "https://iam.amazonaws.com/doc/2010-05-08/";

// Role sessions may call GetRole and UpdateRole (Allow policies are not modelled); the inline-policy
// actions are the account admin's, as they would be an administrator's in AWS.
const SESSION_ACTIONS = new Set(["GetRole", "UpdateRole"]);
const ADMIN_ONLY = new Set(["PutRolePolicy", "GetRolePolicy", "DeleteRolePolicy", "ListRolePolicies"]);
// Roles carry no creation time in the emulator's state; IAM always reports one.
const CREATE_DATE = "2024-01-01T00:00:00Z";

// IAM names a parameter in its validation errors as its member, "roleName" for RoleName.
const invalid = (name: string, value: string | null, constraint: string) =>
  new StsError(
    "ValidationError",
    `1 validation error detected: Value ${value === null ? "null" : `'${value}'`} at '${name[0].toLowerCase() + name.slice(1)}' failed to satisfy constraint: ${constraint}`,
  );

function requireParam(params: URLSearchParams, name: string): string {
  const value = params.get(name);
  if (value === null) throw invalid(name, value, "Member must not be null");
  return value;
}

function requireName(params: URLSearchParams, name: "RoleName" | "PolicyName", max: number): string {
  const value = requireParam(params, name);
  if (!new RegExp(`^[\\w+=,.@-]{1,${max}}$`).test(value))
    throw invalid(name, value, "Member must satisfy regular expression pattern: [\\w+=,.@-]+");
  return value;
}

/** AccessDenied as IAM words it, unless the caller may perform `action` on the role. */
function authorize(caller: Caller, state: EmulatorState, action: string, roleName: string, roleArn: string): void {
  if (caller.kind === "admin") return;
  const reason = isExplicitlyDenied(caller, state, { action: `iam:${action}`, resource: roleArn })
    ? "with an explicit deny in an identity-based policy"
    : ADMIN_ONLY.has(action)
      ? `because no identity-based policy allows the iam:${action} action`
      : caller.kind === "session" && !isAllowedBySessionPolicies(caller.session.policyArns, `iam:${action}`)
        ? `because no session policy allows the iam:${action} action`
        : undefined;
  if (reason)
    throw new StsError(
      "AccessDenied",
      `User: ${caller.arn} is not authorized to perform: iam:${action} on resource: role ${roleName} ${reason}`,
      403,
    );
}

function findRole(state: EmulatorState, accountId: string, roleName: string): EmulatorRole {
  const role = state.roles.find((r) => r.accountId === accountId && r.name === roleName);
  if (!role) throw new StsError("NoSuchEntity", `The role with name ${roleName} cannot be found.`, 404);
  return role;
}

function findPolicy(role: EmulatorRole, policyName: string): string {
  const document = role.inlinePolicies?.[policyName];
  if (document === undefined)
    throw new StsError("NoSuchEntity", `The role policy with name ${policyName} cannot be found.`, 404);
  return document;
}

// IAM returns policy documents URL-encoded; the SDKs and the CLI decode them.
const encodedPolicy = (document: string) => escapeXml(encodeURIComponent(document));

function roleXml(role: EmulatorRole, partition: string | undefined): string {
  return (
    `    <Role>\n      <Path>${escapeXml(role.path ?? "/")}</Path>\n      <RoleName>${escapeXml(role.name)}</RoleName>\n` +
    `      <RoleId>${roleIdOf(role, partition)}</RoleId>\n      <Arn>${escapeXml(roleArnOf(role, partition))}</Arn>\n` +
    `      <CreateDate>${CREATE_DATE}</CreateDate>\n      <AssumeRolePolicyDocument>${encodedPolicy(JSON.stringify(role.trustPolicy))}</AssumeRolePolicyDocument>\n` +
    (role.description === undefined ? "" : `      <Description>${escapeXml(role.description)}</Description>\n`) +
    `      <MaxSessionDuration>${role.maxSessionDuration}</MaxSessionDuration>\n    </Role>\n`
  );
}

/** Runs one IAM action for an authenticated caller; throws StsError with IAM's codes. */
export function runIamAction(
  action: string,
  params: URLSearchParams,
  request: SigV4Request,
  { state, store, requestId }: { state: EmulatorState; store: SessionStore; requestId: string },
): QueryOutcome {
  const caller = authenticateCaller(request, state, store);
  if (!SESSION_ACTIONS.has(action) && !ADMIN_ONLY.has(action))
    throw new StsError("InvalidAction", `Could not find operation ${action} for version 2010-05-08`);
  const roleName = requireName(params, "RoleName", 64);
  const existing = state.roles.find((r) => r.accountId === caller.accountId && r.name === roleName);
  authorize(
    caller,
    state,
    action,
    roleName,
    existing
      ? roleArnOf(existing, state.partition)
      : `arn:${state.partition ?? "aws"}:iam::${caller.accountId}:role/${roleName}`,
  );
  const role = findRole(state, caller.accountId, roleName);
  const respond = (result?: string) => ({
    xml: buildResponseXml(IAM_NS, action, result, requestId),
    log: { caller: caller.arn, roleName },
  });
  if (action === "GetRole") return respond(roleXml(role, state.partition));
  if (action === "UpdateRole") {
    const description = params.get("Description");
    if (description !== null && description.length > 1000)
      throw invalid("Description", description, "Member must have length less than or equal to 1000");
    const maxSession = params.get("MaxSessionDuration");
    if (maxSession !== null && !(Number.isInteger(Number(maxSession)) && +maxSession >= 3600 && +maxSession <= 43_200))
      throw invalid("MaxSessionDuration", maxSession, "Member must have value between 3600 and 43200");
    if (description !== null) role.description = description;
    if (maxSession !== null) role.maxSessionDuration = Number(maxSession);
    return respond("");
  }
  if (action === "ListRolePolicies") {
    const members = Object.keys(role.inlinePolicies ?? {}).map((name) => `      <member>${escapeXml(name)}</member>\n`);
    return respond(`    <PolicyNames>\n${members.join("")}    </PolicyNames>\n    <IsTruncated>false</IsTruncated>\n`);
  }
  const policyName = requireName(params, "PolicyName", 128);
  if (action === "PutRolePolicy") {
    const document = requireParam(params, "PolicyDocument");
    parseIdentityPolicy(document);
    role.inlinePolicies = { ...role.inlinePolicies, [policyName]: document };
    return respond();
  }
  const document = findPolicy(role, policyName);
  if (action === "DeleteRolePolicy") {
    const remaining = { ...role.inlinePolicies };
    delete remaining[policyName];
    role.inlinePolicies = remaining;
    return respond();
  }
  return respond(
    `    <RoleName>${escapeXml(role.name)}</RoleName>\n    <PolicyName>${escapeXml(policyName)}</PolicyName>\n    <PolicyDocument>${encodedPolicy(document)}</PolicyDocument>\n`,
  );
}
