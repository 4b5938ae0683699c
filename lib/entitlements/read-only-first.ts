import { z } from "zod";
import type { Entitlement } from "@/lib/entitlements/entitlement";

/**
 * The read-only-first guardrail. Pure. On such a role a session is limited by a session policy
 * (PolicyArns on AssumeRoleWithSAML: AWS grants the intersection of the role's policies and it)
 * unless the person explicitly asks for write; anyone may ask for read-only on any role.
 */

/** What the person asks for: `write` lifts a read-only-first role's limit, `read-only` sets it. */
export const accessSchema = z.enum(["read-only", "write"], "Access is read-only or write.").optional();
export type RequestedAccess = z.output<typeof accessSchema>;

/** The ARN of the AWS managed policy `policyName` (AIRLOCK_READ_ONLY_POLICY) in `partition`. */
export function readOnlyPolicyArn(partition: string, policyName: string): string {
  return `arn:${partition}:iam::aws:policy/${policyName}`;
}

/**
 * The session policy ARNs for an issuance (none: the role's own permissions), and how the audit
 * log records the access: `read-only`, or `write` when asked for on a read-only-first role.
 */
export function sessionAccess({
  entitlement,
  access,
  policyName,
}: {
  entitlement: Pick<Entitlement, "readOnlyFirst" | "account">;
  access: RequestedAccess;
  policyName: string;
}): { policyArns: string[]; audited?: "read-only" | "write" } {
  const readOnly = access === "read-only" || (entitlement.readOnlyFirst && access !== "write");
  if (readOnly)
    return { policyArns: [readOnlyPolicyArn(entitlement.account.partition, policyName)], audited: "read-only" };
  return { policyArns: [], audited: entitlement.readOnlyFirst ? "write" : undefined };
}
