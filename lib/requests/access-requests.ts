import "server-only";
import { recordAuditEvent } from "@/lib/audit/record";
import type { Db } from "@/lib/db/client";
import { parseOrThrow } from "@/lib/entitlements/store";
import { getEnv } from "@/lib/env";
import { AppError } from "@/lib/errors";
import { consumeRateLimit } from "@/lib/rate-limit";
import {
  accessRequestInputSchema,
  decisionInputSchema,
  type AccessRequestInput,
  type Approvers,
  type DecisionInput,
} from "@/lib/requests/schemas";
import { assertStillEligible, findEligibility } from "@/lib/requests/eligibility";
import { actedBy, auditOf, notifyRequestEvent } from "@/lib/requests/request-events";
import {
  findRequest,
  isSamePerson,
  statusLabel,
  toView,
  canDecide,
  type AccessRequestView,
  type RequestActor,
  type RequestClient,
} from "@/lib/requests/request-view";

/**
 * Just-in-time access: a person eligible to a role asks for it with a reason; approvers (the
 * mapping's approver group, else Airlock's admins; never the requester) approve or deny; an approved
 * request is a grant that the entitlement rule honours until it ends. Every step is audited and
 * sent to the webhook after it is committed. Status changes are conditional updates ("only if still
 * pending"), so two approvers, or two instances closing stale requests, never both win.
 */

/** Requests filed or withdrawn by one person: ten a minute, counted across instances. */
function consumeRequestLimit(db: Db, actor: RequestActor) {
  return consumeRateLimit({ db, key: `request:${actor.id}`, limit: 10, windowSeconds: 60 });
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
        ...actedBy(actor, client),
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
  notifyRequestEvent("request.created", created);
  return created;
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
        ...actedBy(actor, client),
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
  if (decided.status === "approved") notifyRequestEvent("request.approved", decided, actor.email);
  if (decided.status === "denied") notifyRequestEvent("request.denied", decided, actor.email);
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
        ...actedBy(actor, client),
        details: { requester: after.requester.email },
      }),
    });
    return after;
  });
  notifyRequestEvent(ended.status === "ended" ? "grant.ended" : "request.cancelled", ended, actor.email);
  return ended;
}
