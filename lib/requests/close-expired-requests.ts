import "server-only";
import { recordAuditEvent } from "@/lib/audit/record";
import type { Db } from "@/lib/db/client";
import { auditOf, notifyRequestEvent } from "@/lib/requests/request-events";
import { findRequest, toView } from "@/lib/requests/request-view";

/**
 * Closes what ran out: pending requests unanswered for AIRLOCK_REQUEST_PENDING_HOURS, and grants
 * past their end. Bounded (`limit` rows a call); each row is closed by exactly one caller, which
 * audits and notifies it. With `userId`, only that person's (the portal calls it before listing).
 */
export async function closeExpiredRequests({
  db,
  now = new Date(),
  userId,
  limit = 200,
}: {
  db: Db;
  now?: Date;
  userId?: string;
  limit?: number;
}): Promise<number> {
  const due = await db.accessRequest.findMany({
    where: { status: { in: ["pending", "approved"] }, expiresAt: { lte: now }, ...(userId && { userId }) },
    orderBy: { expiresAt: "asc" },
    take: limit,
    select: { id: true, status: true },
  });
  let closed = 0;
  for (const { id, status } of due) {
    const view = await db.$transaction(async (tx) => {
      const { count } = await tx.accessRequest.updateMany({
        where: { id, status },
        data: { status: "expired", closedAt: now, closedBy: "airlock" },
      });
      if (count !== 1) return null;
      const after = toView((await findRequest(tx, id))!);
      await recordAuditEvent({
        db: tx,
        event: auditOf(after, {
          action: status === "approved" ? "grant.expire" : "request.expire",
          outcome: "success",
          userId: after.requester.id,
          actor: "airlock",
          details: { requester: after.requester.email },
        }),
      });
      return after;
    });
    if (!view) continue;
    closed++;
    notifyRequestEvent(status === "approved" ? "grant.expired" : "request.expired", view);
  }
  return closed;
}
