import "server-only";
import type { AuditEventInput } from "@/lib/audit/record";
import { getEnv } from "@/lib/env";
import type { AccessRequestView, RequestActor, RequestClient } from "@/lib/requests/request-view";
import { escapeSlackText, notifyWebhook, type WebhookEventName } from "@/lib/requests/webhook";

/** What a request's changes leave behind: the audit event's shape, and the webhook notification. */

const target = (r: AccessRequestView) => `${r.accountName} / ${r.roleName}`;

/** The webhook event for a request in its new state, with a line for people. */
export function notifyRequestEvent(event: WebhookEventName, r: AccessRequestView, by?: string) {
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

export function auditOf(r: AccessRequestView, event: Omit<AuditEventInput, "accountId" | "roleName">): AuditEventInput {
  return { ...event, accountId: r.accountId, roleName: r.roleName, details: { requestId: r.id, ...event.details } };
}

/** Who made a change, for its audit event: the person, and the client they made it from. */
export function actedBy(actor: RequestActor, client?: RequestClient) {
  return {
    outcome: "success" as const,
    userId: actor.id,
    actor: actor.email,
    clientIp: client?.ip,
    userAgent: client?.userAgent,
  };
}
