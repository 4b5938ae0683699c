import { buildRevocation, type Revocation, type RevocationRole } from "@/lib/aws/revocation-policy";
import type { LiveAwsSession } from "@/lib/audit/live-aws-sessions";
import { partitions, type Partition } from "@/lib/entitlements/schemas";

export type AwsRevocationPlan = Revocation & { cutoff: Date; expiresBy: Date };

const roleArnPattern = /^arn:([\w-]+):iam::(\d{12}):role(\/(?:[^/]+\/)*)([^/]+)$/;

function toRevocationRole(session: LiveAwsSession): RevocationRole | undefined {
  const match = roleArnPattern.exec(session.roleArn);
  if (!match || !partitions.includes(match[1] as Partition)) return undefined;
  return { accountId: match[2], partition: match[1] as Partition, rolePath: match[3], roleName: match[4] };
}

/**
 * An issuance that passed its session check just before a revocation finishes after it: STS
 * answers within two 5-second attempts, so issuances recorded this long after still count.
 */
export const IN_FLIGHT_ISSUANCE_MS = 30_000;

/**
 * The AWS side of revoking a person at `revokedAt`: the deny for every role where they hold
 * credentials issued before it (or in flight then), or null when there are none. Pure.
 * `sourceIdentity` is what AWS recorded at issuance (the audit log has it), with the person's
 * derived one for older rows.
 */
export function buildAwsRevocation({
  sessions,
  revokedAt,
  derivedSourceIdentity,
}: {
  sessions: LiveAwsSession[];
  revokedAt: Date;
  derivedSourceIdentity: string;
}): AwsRevocationPlan | null {
  const affected = sessions.filter((s) => s.issuedAt.getTime() <= revokedAt.getTime() + IN_FLIGHT_ISSUANCE_MS);
  const cutoff = new Date(Math.max(revokedAt.getTime(), ...affected.map((s) => s.issuedAt.getTime())));
  const roles = new Map<string, RevocationRole>();
  for (const session of affected) {
    const role = toRevocationRole(session);
    if (role) roles.set(session.roleArn, role);
  }
  if (roles.size === 0) return null;
  const expiresBy = new Date(Math.max(...affected.map((s) => s.expiresAt.getTime())));
  const revocation = buildRevocation({
    sourceIdentity: affected.find((s) => s.sourceIdentity)?.sourceIdentity ?? derivedSourceIdentity,
    roles: [...roles.values()],
    issuedBefore: cutoff,
    credentialsExpireBy: expiresBy,
  });
  return { ...revocation, cutoff, expiresBy };
}
