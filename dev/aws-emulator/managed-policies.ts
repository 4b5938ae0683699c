import { actionMatches } from "./state";
import { StsError } from "./sts-error";

/**
 * The AWS managed policies a session may be limited with (PolicyArns on AssumeRoleWithSAML), by
 * their path and name under arn:PARTITION:iam::aws:policy/. Only the IAM actions the emulator
 * serves matter here; each list is that slice of the real policy's Allow statement.
 */
const MANAGED_POLICIES: Record<string, string[]> = {
  AdministratorAccess: ["*"],
  ReadOnlyAccess: ["iam:Generate*", "iam:Get*", "iam:List*", "iam:Simulate*"],
  SecurityAudit: ["iam:GenerateCredentialReport", "iam:Get*", "iam:List*", "iam:SimulateCustomPolicy"],
  "job-function/ViewOnlyAccess": ["iam:List*", "iam:GetAccountSummary", "iam:GetLoginProfile"],
};

const POLICY_ARN = /^arn:(aws|aws-us-gov|aws-cn):iam::aws:policy\/(.+)$/;
const MAX_POLICY_ARNS = 10;

/**
 * The `PolicyArns.member.N.arn` parameters of a request, checked as STS checks them: at most ten,
 * each a well-formed ARN of a managed policy that exists in the emulator's partition.
 */
export function readSessionPolicyArns(params: URLSearchParams, partition: string): string[] {
  const arns: string[] = [];
  for (let n = 1; params.has(`PolicyArns.member.${n}.arn`); n++) arns.push(params.get(`PolicyArns.member.${n}.arn`)!);
  if (arns.length > MAX_POLICY_ARNS)
    throw new StsError(
      "ValidationError",
      `1 validation error detected: Value at 'policyArns' failed to satisfy constraint: Member must have length less than or equal to ${MAX_POLICY_ARNS}`,
    );
  for (const arn of arns) {
    const match = POLICY_ARN.exec(arn);
    if (!match || match[1] !== partition || !MANAGED_POLICIES[match[2]])
      throw new StsError("MalformedPolicyDocument", `Policy ${arn} does not exist or is not attachable.`);
  }
  return arns;
}

/**
 * Whether session policies allow `action`. AWS grants a session the intersection of its role's
 * policies and its session policies: with none, the role's alone; with some, only what one of them allows.
 */
export function isAllowedBySessionPolicies(policyArns: readonly string[], action: string): boolean {
  if (policyArns.length === 0) return true;
  return policyArns.some((arn) => actionMatches(MANAGED_POLICIES[POLICY_ARN.exec(arn)![2]] ?? [], action));
}
