import "server-only";
import { z } from "zod";
import { parseGroups } from "@/lib/auth/identity";
import { recordAuditEvent, type AuditEventInput } from "@/lib/audit/record";
import type { Db, DbClient } from "@/lib/db/client";
import { foldEligibility, foldEntitlements, type Eligibility } from "@/lib/entitlements/entitlement";
import { listMappingRowsOfRole, parseOrThrow } from "@/lib/entitlements/store";
import { getEnv } from "@/lib/env";
import { AppError } from "@/lib/errors";
import { consumeRateLimit } from "@/lib/rate-limit";
import {
  accessRequestInputSchema,
  approversSchema,
  decisionInputSchema,
  type AccessRequestInput,
  type Approvers,
  type DecisionInput,
} from "@/lib/requests/schemas";
import { escapeSlackText, notifyWebhook, type WebhookEventName } from "@/lib/requests/webhook";

/**
 * Just-in-time access: a person eligible to a role asks for it with a reason; approvers (the
 * mapping's approver group, else Airlock's admins; never the requester) approve or deny; an approved
 * request is a grant that the entitlement rule honours until it ends. Every step is audited and
 * sent to the webhook after it is committed. Status changes are conditional updates ("only if still
 * pending"), so two approvers, or two instances closing stale requests, never both win.
 */

/** Who acts: the requester, an approver, an admin. */
export type RequestActor = { id: string; email: string; groups: string[]; isAdmin: boolean };
export type RequestClient = { ip?: string; userAgent?: string };

const requestSelect = {
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

type RequestRow = NonNullable<Awaited<ReturnType<typeof findRequest>>>;

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

function findRequest(db: DbClient, id: string) {
  return db.accessRequest.findUnique({ where: { id }, select: requestSelect });
}

function toView(row: RequestRow): AccessRequestView {
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
function isSamePerson(actor: Pick<RequestActor, "id" | "email">, other: { id: string; email: string }): boolean {
  return actor.id === other.id || actor.email.toLowerCase() === other.email.toLowerCase();
}

/** Whether `actor` may decide on `request`: an approver of it, and not the person who asked. */
export function canDecide(actor: RequestActor, request: Pick<AccessRequestView, "requester" | "approvers">): boolean {
  if (isSamePerson(actor, request.requester)) return false;
  return (request.approvers.admins && actor.isAdmin) || request.approvers.groups.some((g) => actor.groups.includes(g));
}

const target = (r: AccessRequestView) => `${r.accountName} / ${r.roleName}`;

/** The webhook event for a request in its new state, with a line for people. */
function notify(event: WebhookEventName, r: AccessRequestView, by?: string) {
  const esc = escapeSlackText;
  const who = esc(r.requester.email);
  const lines: Record<WebhookEventName, string> = {
    "request.created": `${who} requests ${esc(target(r))} for ${Math.round(r.durationSeconds / 60)} min: ${esc(r.reason)}`,
    "request.approved": `${esc(by ?? "")} approved ${who}'s access to ${esc(target(r))} until ${r.expiresAt.toISOString()}`,
    "request.denied": `${esc(by ?? "")} denied ${who}'s request for ${esc(target(r))}`,
    "request.cancelled": `${who} withdrew the request for ${esc(target(r))}`,
    "request.expired": `${who}'s request for ${esc(target(r))} closed unanswered`,
    "grant.ended": `${esc(by ?? "")} ended ${who}'s access to ${esc(target(r))}`,
    "grant.expired": `${who}'s access to ${esc(target(r))} expired`,
  };
  const url = `${getEnv().AIRLOCK_URL}/requests#request-${r.id}`;
  notifyWebhook({
    event,
    text: `${lines[event]} (<${url}|open in Airlock>)`,
    request: {
      id: r.id,
      status: r.status,
      requester: r.requester.email,
      account: { id: r.accountId, name: r.accountName, environment: r.environment },
      role: r.roleName,
      reason: r.reason,
      ticket: r.ticket,
      durationSeconds: r.durationSeconds,
      expiresAt: r.expiresAt.toISOString(),
      approvers: r.approvers,
      approvalsRequired: r.approvalsRequired,
      decisions: r.decisions,
      ...(by && { by }),
      url,
    },
  });
}

function auditOf(r: AccessRequestView, event: Omit<AuditEventInput, "accountId" | "roleName">): AuditEventInput {
  return { ...event, accountId: r.accountId, roleName: r.roleName, details: { requestId: r.id, ...event.details } };
}

/** What `actor` may request of a role: their eligibility, or a `forbidden`/`conflict` that says why not. */
export async function findEligibility({
  db,
  actor,
  accountId,
  roleName,
}: {
  db: Db;
  actor: Pick<RequestActor, "groups">;
  accountId: string;
  roleName: string;
}): Promise<Eligibility> {
  const rows = actor.groups.length ? await listMappingRowsOfRole({ db, accountId, roleName }) : [];
  if (foldEntitlements({ rows, groups: actor.groups }).length)
    throw new AppError("conflict", `You already have ${roleName} in account ${accountId}: open it from the portal.`);
  const defaultMaxGrantSeconds = getEnv().AIRLOCK_REQUEST_MAX_HOURS * 3600;
  const [eligibility] = foldEligibility({ rows, groups: actor.groups, defaultMaxGrantSeconds });
  if (!eligibility)
    throw new AppError(
      "forbidden",
      `You cannot request role ${roleName} in account ${accountId}: none of your groups is eligible to it. Ask your Airlock administrators which group is.`,
      { accountId, roleName },
    );
  return eligibility;
}

/** Requests filed or withdrawn by one person: ten a minute, counted across instances. */
function consumeRequestLimit(db: Db, actor: RequestActor) {
  return consumeRateLimit({ db, key: `request:${actor.id}`, limit: 10, windowSeconds: 60 });
}

/**
 * Refuses to approve for someone who has since left every group the request came through, or
 * whose eligible mapping an admin removed (as the IdP last told Airlock at their sign-in).
 */
async function assertStillEligible(tx: DbClient, row: RequestRow) {
  const via = z.array(z.string()).parse(JSON.parse(row.viaGroups));
  const [requester, mappings] = await Promise.all([
    tx.user.findUniqueOrThrow({ where: { id: row.userId }, select: { groups: true } }),
    tx.groupMapping.findMany({
      where: { roleId: row.roleId, kind: "eligible", group: { in: via } },
      select: { group: true },
    }),
  ]);
  const groups = new Set(parseGroups(JSON.parse(requester.groups)));
  if (!mappings.some((m) => groups.has(m.group)))
    throw new AppError(
      "conflict",
      `${row.user.email} is no longer eligible to ${row.role.account.name} / ${row.role.name} (not in ${via.join(" or ")} any more, or the mapping was removed). Deny the request instead.`,
    );
}

/** Files a request. Refuses when the person is not eligible, already has the role, or already asked. */
export async function createAccessRequest({
  db,
  actor,
  input,
  client,
  now = new Date(),
}: {
  db: Db;
  actor: RequestActor;
  input: AccessRequestInput;
  client?: RequestClient;
  now?: Date;
}): Promise<AccessRequestView> {
  const env = getEnv();
  const data = parseOrThrow(accessRequestInputSchema({ ticketPattern: env.AIRLOCK_REQUEST_TICKET_PATTERN }), input);
  const eligibility = await findEligibility({ db, actor, ...data });
  if (data.durationSeconds > eligibility.maxGrantSeconds)
    throw new AppError(
      "invalid_input",
      `You can ask for ${eligibility.roleName} for at most ${Math.round(eligibility.maxGrantSeconds / 60)} minutes; choose a shorter time.`,
      { fieldErrors: { durationSeconds: "Too long for this role." } },
    );
  await consumeRequestLimit(db, actor);
  const approvers: Approvers = { groups: eligibility.approverGroups, admins: eligibility.adminsApprove };
  const created = await db.$transaction(async (tx) => {
    // One waiting request per person and role (checked in the transaction that files it).
    const open = await tx.accessRequest.findFirst({
      where: { userId: actor.id, roleId: eligibility.roleId, status: "pending", expiresAt: { gt: now } },
      select: { id: true },
    });
    if (open)
      throw new AppError(
        "conflict",
        `You already asked for ${eligibility.account.name} / ${eligibility.roleName}; it is waiting for approval. Withdraw it to ask again.`,
        { requestId: open.id },
      );
    const { id } = await tx.accessRequest.create({
      data: {
        userId: actor.id,
        roleId: eligibility.roleId,
        reason: data.reason,
        ticket: data.ticket ?? null,
        durationSeconds: data.durationSeconds,
        viaGroups: JSON.stringify(eligibility.viaGroups),
        approverGroups: JSON.stringify(approvers),
        approvalsRequired: eligibility.approvalsRequired,
        expiresAt: new Date(now.getTime() + env.AIRLOCK_REQUEST_PENDING_HOURS * 3600 * 1000),
      },
      select: { id: true },
    });
    const view = toView((await findRequest(tx, id))!);
    await recordAuditEvent({
      db: tx,
      event: auditOf(view, {
        action: "request.create",
        outcome: "success",
        userId: actor.id,
        actor: actor.email,
        clientIp: client?.ip,
        userAgent: client?.userAgent,
        details: {
          reason: data.reason,
          ...(data.ticket && { ticket: data.ticket }),
          durationSeconds: data.durationSeconds,
          approvers,
          approvalsRequired: view.approvalsRequired,
        },
      }),
    });
    return view;
  });
  notify("request.created", created);
  return created;
}

/** Loads a request as `actor` may see it: their own, one they may decide, or any for an admin. */
export async function getAccessRequest({
  db,
  actor,
  requestId,
}: {
  db: Db;
  actor: RequestActor;
  requestId: string;
}): Promise<AccessRequestView> {
  const row = await findRequest(db, requestId);
  const view = row && toView(row);
  if (!view || !(view.requester.id === actor.id || actor.isAdmin || canDecide(actor, view)))
    throw new AppError("not_found", "There is no such request, or it is not yours to see.");
  return view;
}

/**
 * Records one approver's approval or denial. A denial closes the request; approvals from enough
 * different approvers turn it into a grant from now for the asked duration.
 */
export async function decideAccessRequest({
  db,
  actor,
  input,
  client,
  now = new Date(),
}: {
  db: Db;
  actor: RequestActor;
  input: DecisionInput;
  client?: RequestClient;
  now?: Date;
}): Promise<AccessRequestView> {
  const { requestId, decision, comment } = parseOrThrow(decisionInputSchema, input);
  const decided = await db.$transaction(async (tx) => {
    // Lock the request first: two approvers deciding at once take turns (on PostgreSQL the second
    // waits, then reads the first one's decision), so no approval is lost or counted twice.
    await tx.accessRequest.updateMany({ where: { id: requestId, status: "pending" }, data: { updatedAt: now } });
    const row = await findRequest(tx, requestId);
    const request = row && toView(row);
    if (request && isSamePerson(actor, request.requester))
      throw new AppError("forbidden", "You cannot approve or deny your own request: another approver has to.");
    // Someone who may not decide learns nothing about the request, not even that it exists.
    if (!request || !canDecide(actor, request))
      throw new AppError("not_found", "There is no such request waiting for you: it is not yours to decide.");
    if (request.status !== "pending" || request.expiresAt <= now)
      throw new AppError(
        "conflict",
        `This request is no longer waiting for a decision (it is ${statusLabel(request, now)}).`,
      );
    if (row.decisions.some((d) => isSamePerson(actor, { id: d.userId, email: d.email })))
      throw new AppError(
        "conflict",
        "You have already decided on this request; another approver has to approve it too.",
      );
    if (decision === "approve") await assertStillEligible(tx, row);
    await tx.accessDecision.create({ data: { requestId, userId: actor.id, email: actor.email, decision, comment } });
    const approvals = request.approvals + (decision === "approve" ? 1 : 0);
    const status = decision === "deny" ? "denied" : approvals >= request.approvalsRequired ? "approved" : "pending";
    if (status !== "pending") {
      const { count } = await tx.accessRequest.updateMany({
        where: { id: requestId, status: "pending" },
        data: {
          status,
          decidedAt: now,
          ...(status === "approved"
            ? { expiresAt: new Date(now.getTime() + request.durationSeconds * 1000) }
            : { closedAt: now, closedBy: actor.email }),
        },
      });
      if (count !== 1) throw new AppError("conflict", "This request was decided a moment ago; reload to see how.");
    }
    const after = toView((await findRequest(tx, requestId))!);
    await recordAuditEvent({
      db: tx,
      event: auditOf(after, {
        action: decision === "approve" ? "request.approve" : "request.deny",
        outcome: "success",
        userId: actor.id,
        actor: actor.email,
        clientIp: client?.ip,
        userAgent: client?.userAgent,
        details: {
          ...(comment && { comment }),
          requester: after.requester.email,
          status: after.status,
          approvals,
          approvalsRequired: after.approvalsRequired,
          ...(after.status === "approved" && { grantExpiresAt: after.expiresAt.toISOString() }),
        },
      }),
    });
    return after;
  });
  if (decided.status === "approved") notify("request.approved", decided, actor.email);
  if (decided.status === "denied") notify("request.denied", decided, actor.email);
  return decided;
}

/**
 * Withdraws a pending request or ends a grant early. The requester may do either to their own; an
 * admin to anyone's. The grant stops counting at once; sessions AWS already issued run to their end
 * (a revocation on the AWS side is under Admin → People).
 */
export async function endAccessRequest({
  db,
  actor,
  requestId,
  client,
  now = new Date(),
}: {
  db: Db;
  actor: RequestActor;
  requestId: string;
  client?: RequestClient;
  now?: Date;
}): Promise<AccessRequestView> {
  // Withdrawing counts against the same limit as asking: ask-and-withdraw loops stay bounded.
  if (!actor.isAdmin) await consumeRequestLimit(db, actor);
  const ended = await db.$transaction(async (tx) => {
    const row = await findRequest(tx, requestId);
    const request = row && toView(row);
    if (!request || (!isSamePerson(actor, request.requester) && !actor.isAdmin))
      throw new AppError("not_found", "There is no such request, or it is not yours to end.");
    const live = request.expiresAt > now;
    const status =
      request.status === "pending" && live ? "cancelled" : request.status === "approved" && live ? "ended" : null;
    if (!status)
      throw new AppError("conflict", `There is nothing to end: this request is ${statusLabel(request, now)}.`);
    const { count } = await tx.accessRequest.updateMany({
      where: { id: requestId, status: request.status },
      data: { status, closedAt: now, closedBy: actor.email },
    });
    if (count !== 1) throw new AppError("conflict", "This request changed a moment ago; reload to see how.");
    const after = toView((await findRequest(tx, requestId))!);
    await recordAuditEvent({
      db: tx,
      event: auditOf(after, {
        action: status === "ended" ? "grant.end" : "request.cancel",
        outcome: "success",
        userId: actor.id,
        actor: actor.email,
        clientIp: client?.ip,
        userAgent: client?.userAgent,
        details: { requester: after.requester.email },
      }),
    });
    return after;
  });
  notify(ended.status === "ended" ? "grant.ended" : "request.cancelled", ended, actor.email);
  return ended;
}

/** How a request stands now, in a word or two (a pending or approved one past its time has expired). */
export function statusLabel(r: Pick<AccessRequestView, "status" | "expiresAt">, now = new Date()): string {
  if ((r.status === "pending" || r.status === "approved") && r.expiresAt <= now) return "expired";
  return (
    { pending: "waiting for approval", approved: "granted", denied: "denied", cancelled: "withdrawn" }[r.status] ??
    r.status
  );
}

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
    notify(status === "approved" ? "grant.expired" : "request.expired", view);
  }
  return closed;
}

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
