import "server-only";
import type { Db } from "@/lib/db/client";
import { canDecide, isSamePerson, requestSelect, toView, type RequestActor } from "@/lib/requests/request-view";

/** The requests a page lists: a person's own, those waiting for an approver, every live grant. */

/** A person's requests, newest first (their own history, with the live ones on top in the page). */
export async function listOwnRequests({ db, userId, take = 20 }: { db: Db; userId: string; take?: number }) {
  const rows = await db.accessRequest.findMany({
    where: { userId },
    orderBy: { createdAt: "desc" },
    take,
    select: requestSelect,
  });
  return rows.map(toView);
}

/** Pending requests `actor` may decide (not their own, not already decided by them), oldest first. */
export async function listRequestsToDecide({
  db,
  actor,
  now = new Date(),
}: {
  db: Db;
  actor: RequestActor;
  now?: Date;
}) {
  const rows = await db.accessRequest.findMany({
    where: { status: "pending", expiresAt: { gt: now }, userId: { not: actor.id } },
    orderBy: { createdAt: "asc" },
    take: 500,
    select: requestSelect,
  });
  return rows
    .filter((row) => !row.decisions.some((d) => isSamePerson(actor, { id: d.userId, email: d.email })))
    .map(toView)
    .filter((r) => canDecide(actor, r));
}

/** Every live grant (for admins, who may end any). */
export async function listLiveGrants({ db, now = new Date() }: { db: Db; now?: Date }) {
  const rows = await db.accessRequest.findMany({
    where: { status: "approved", expiresAt: { gt: now } },
    orderBy: { expiresAt: "asc" },
    take: 500,
    select: requestSelect,
  });
  return rows.map(toView);
}
