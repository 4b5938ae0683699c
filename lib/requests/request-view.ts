import "server-only";
import type { DbClient } from "@/lib/db/client";
import { approversSchema, type Approvers } from "@/lib/requests/schemas";

/** An access request as Airlock shows it, read from the database, and who may act on it. */

/** Who acts: the requester, an approver, an admin. */
export type RequestActor = { id: string; email: string; groups: string[]; isAdmin: boolean };

export type RequestClient = { ip?: string; userAgent?: string };

export const requestSelect = {
  id: true,
  userId: true,
  roleId: true,
  status: true,
  reason: true,
  ticket: true,
  durationSeconds: true,
  viaGroups: true,
  approverGroups: true,
  approvalsRequired: true,
  createdAt: true,
  expiresAt: true,
  decidedAt: true,
  closedAt: true,
  closedBy: true,
  user: { select: { email: true, name: true } },
  role: { select: { name: true, account: { select: { id: true, name: true, environment: true } } } },
  decisions: {
    orderBy: { createdAt: "asc" },
    select: { userId: true, email: true, decision: true, comment: true, createdAt: true },
  },
} as const;

export type RequestRow = NonNullable<Awaited<ReturnType<typeof findRequest>>>;

export type AccessRequestView = {
  id: string;
  status: string;
  requester: { id: string; email: string; name: string | null };
  accountId: string;
  accountName: string;
  environment: string;
  roleName: string;
  reason: string;
  ticket: string | null;
  durationSeconds: number;
  approvers: Approvers;
  approvalsRequired: number;
  approvals: number;
  createdAt: Date;
  /** Pending: when it closes itself. Approved: when the grant ends. */
  expiresAt: Date;
  decidedAt: Date | null;
  closedAt: Date | null;
  closedBy: string | null;
  decisions: { email: string; decision: string; comment: string | null; createdAt: Date }[];
};

export function findRequest(db: DbClient, id: string) {
  return db.accessRequest.findUnique({ where: { id }, select: requestSelect });
}

export function toView(row: RequestRow): AccessRequestView {
  return {
    id: row.id,
    status: row.status,
    requester: { id: row.userId, email: row.user.email, name: row.user.name },
    accountId: row.role.account.id,
    accountName: row.role.account.name,
    environment: row.role.account.environment,
    roleName: row.role.name,
    reason: row.reason,
    ticket: row.ticket,
    durationSeconds: row.durationSeconds,
    approvers: approversSchema.parse(JSON.parse(row.approverGroups)),
    approvalsRequired: row.approvalsRequired,
    approvals: row.decisions.filter((d) => d.decision === "approve").length,
    createdAt: row.createdAt,
    expiresAt: row.expiresAt,
    decidedAt: row.decidedAt,
    closedAt: row.closedAt,
    closedBy: row.closedBy,
    decisions: row.decisions.map(({ email, decision, comment, createdAt }) => ({
      email,
      decision,
      comment,
      createdAt,
    })),
  };
}

/**
 * The same person, whichever IdP they came through: Airlock keeps one user per IdP and subject, so
 * the email (as Airlock stores it, lowercase) is what ties a person's identities together.
 */
export function isSamePerson(actor: Pick<RequestActor, "id" | "email">, other: { id: string; email: string }): boolean {
  return actor.id === other.id || actor.email.toLowerCase() === other.email.toLowerCase();
}

/** Whether `actor` may decide on `request`: an approver of it, and not the person who asked. */
export function canDecide(actor: RequestActor, request: Pick<AccessRequestView, "requester" | "approvers">): boolean {
  if (isSamePerson(actor, request.requester)) return false;
  return (request.approvers.admins && actor.isAdmin) || request.approvers.groups.some((g) => actor.groups.includes(g));
}

/** How a request stands now, in a word or two (a pending or approved one past its time has expired). */
export function statusLabel(r: Pick<AccessRequestView, "status" | "expiresAt">, now = new Date()): string {
  if ((r.status === "pending" || r.status === "approved") && r.expiresAt <= now) return "expired";
  return (
    { pending: "waiting for approval", approved: "granted", denied: "denied", cancelled: "withdrawn" }[r.status] ??
    r.status
  );
}
