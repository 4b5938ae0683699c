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

/**
 * A person's AWS sessions that may still be live (`userIds`: their user rows, one per IdP): every
 * successful issuance in the audit log
 * whose credentials expire after `now`, newest first. Airlock keeps no credentials; the audit
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
      outcome: "success",
      action: { in: ["credentials.issue", "console.signin"] },
      createdAt: { gt: new Date(now.getTime() - LONGEST_AWS_SESSION_MS) },
    },
    orderBy: { createdAt: "desc" },
    take: 1000,
  });
  return events.flatMap((e) => {
    const details = detailsSchema.safeParse(JSON.parse(e.details ?? "{}"));
    if (!details.success || !e.accountId || !e.roleName) return [];
    const expiresAt = new Date(details.data.expiration);
    if (expiresAt <= now) return [];
    return [
      {
        action: e.action as LiveAwsSession["action"],
        issuedAt: e.createdAt,
        expiresAt,
        accountId: e.accountId,
        roleName: e.roleName,
        roleArn: details.data.roleArn,
        accessKeyId: e.accessKeyId,
        sourceIdentity: details.data.sourceIdentity ?? null,
      },
    ];
  });
}
