import "server-only";
import { z } from "zod";
import type { Db } from "@/lib/db/client";

/** STS sessions last at most 12 hours: older issuances cannot be live. */
const LONGEST_AWS_SESSION_MS = 12 * 3600_000;

export type LiveAwsSession = {
  action: "credentials.issue" | "console.signin";
  issuedAt: Date;
  expiresAt: Date;
  accountId: string;
  roleName: string;
  roleArn: string;
  accessKeyId: string | null;
  sourceIdentity: string | null;
};

const detailsSchema = z.object({
  roleArn: z.string(),
  expiration: z.iso.datetime(),
  sourceIdentity: z.string().optional(),
});
/** An attempt whose completion was never recorded: AWS may have issued it, for at most its duration. */
const pendingSchema = z.object({ roleArn: z.string(), durationSeconds: z.number().int().positive() });

function expiryOf(e: { outcome: string; createdAt: Date; details: string | null }) {
  const stored: unknown = JSON.parse(e.details ?? "{}");
  if (e.outcome === "pending") {
    const pending = pendingSchema.safeParse(stored);
    return pending.success
      ? {
          roleArn: pending.data.roleArn,
          expiresAt: new Date(e.createdAt.getTime() + pending.data.durationSeconds * 1000),
        }
      : undefined;
  }
  const details = detailsSchema.safeParse(stored);
  return details.success
    ? {
        roleArn: details.data.roleArn,
        expiresAt: new Date(details.data.expiration),
        sourceIdentity: details.data.sourceIdentity,
      }
    : undefined;
}

/**
 * A person's AWS sessions that may still be live (`userIds`: their user rows, one per IdP): every
 * successful issuance in the audit log
 * (and every attempt left pending, which AWS may have honoured) whose credentials expire after `now`, newest first. Airlock keeps no credentials; the audit
 * log's access key ids, roles and expiries are what it knows.
 */
export async function listLiveAwsSessions({
  db,
  userIds,
  now = new Date(),
}: {
  db: Db;
  userIds: string[];
  now?: Date;
}): Promise<LiveAwsSession[]> {
  const events = await db.auditEvent.findMany({
    where: {
      userId: { in: userIds },
      outcome: { in: ["success", "pending"] },
      action: { in: ["credentials.issue", "console.signin"] },
      createdAt: { gt: new Date(now.getTime() - LONGEST_AWS_SESSION_MS) },
    },
    orderBy: { createdAt: "desc" },
    take: 1000,
  });
  return events.flatMap((e) => {
    const live = expiryOf(e);
    if (!live || !e.accountId || !e.roleName || live.expiresAt <= now) return [];
    return [
      {
        action: e.action as LiveAwsSession["action"],
        issuedAt: e.createdAt,
        expiresAt: live.expiresAt,
        accountId: e.accountId,
        roleName: e.roleName,
        roleArn: live.roleArn,
        accessKeyId: e.accessKeyId,
        sourceIdentity: live.sourceIdentity ?? null,
      },
    ];
  });
}
