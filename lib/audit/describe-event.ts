/**
 * An audit event as a sentence an admin reads ("bob mapped data-eng → sandbox/Developer"). Pure.
 * The sentence is for reading only: the page still shows every stored field beside it.
 */

export type DescribableEvent = {
  action: string;
  outcome: string;
  reason: string | null;
  actor: string | null;
  accountId: string | null;
  roleName: string | null;
  details: string | null;
};

function parseDetails(details: string | null): Record<string, unknown> {
  try {
    const value: unknown = details ? JSON.parse(details) : null;
    return value && typeof value === "object" && !Array.isArray(value) ? (value as Record<string, unknown>) : {};
  } catch {
    return {};
  }
}

const field = (value: unknown, key: string) =>
  value && typeof value === "object" ? (value as Record<string, unknown>)[key] : undefined;
const asText = (value: unknown) => (typeof value === "string" || typeof value === "number" ? String(value) : "");

/** Who: the part of the email before "@" when there is one (the full address is shown alongside). */
export function shortActor(actor: string | null): string {
  if (!actor) return "Someone";
  return actor.includes("@") ? actor.slice(0, actor.indexOf("@")) : actor;
}

/** What an outcome adds to the sentence of an issuance. */
const outcomeNote: Record<string, string> = {
  denied: " (refused)",
  failure: " (failed)",
  // Recorded before STS was called, never completed: AWS may or may not have issued access.
  pending: " (pending: issued or not; completion could not be recorded)",
};

/**
 * The reason the person gave (a role's guardrail), or the guardrail that refused: a reason required
 * and none came, or a step-up the person's last IdP sign-in was too old for.
 */
function reasonNote(details: Record<string, unknown>, refusal: string | null): string {
  if (refusal === "reason_required") return ": no reason given";
  if (refusal === "step_up_required") return ": the last sign-in at the IdP was too long ago (step-up)";
  const reason = asText(details.reason);
  return reason ? ` because "${reason}"` : "";
}

/** The session's access when a guardrail or the person set it: read-only, or write asked for explicitly. */
function accessNote(details: Record<string, unknown>): string {
  if (details.access === "read-only") return " (read-only)";
  if (details.access === "write") return " with write access, asked for explicitly";
  return "";
}

export function describeAuditEvent(event: DescribableEvent, accountNames: Map<string, string>): string {
  const who = shortActor(event.actor);
  const details = parseDetails(event.details);
  const change = field(details, "after") ?? field(details, "before");
  const account = event.accountId ? (accountNames.get(event.accountId) ?? event.accountId) : "an account";
  const role = `${account}/${event.roleName ?? "a role"}`;
  const group = asText(field(change, "group"));
  const refused = outcomeNote[event.outcome] ?? "";
  switch (event.action) {
    case "admin.mapping.create":
      return `${who} mapped ${group} → ${role}`;
    case "admin.mapping.delete":
      return `${who} unmapped ${group} from ${role}`;
    case "admin.role.create":
      return `${who} created role ${role}`;
    case "admin.role.update":
      return `${who} changed role ${role}`;
    case "admin.role.delete":
      return `${who} deleted role ${role}`;
    case "admin.account.create":
      return `${who} added account ${asText(field(change, "name")) || account} (${event.accountId ?? "?"})`;
    case "admin.account.update":
      return `${who} changed account ${account}`;
    case "admin.account.delete":
      return `${who} deleted account ${asText(field(change, "name")) || account} (${event.accountId ?? "?"})`;
    case "admin.config.apply": {
      const count = Array.isArray(details.changes) ? details.changes.length : 0;
      return `${who} applied config as code (${count} change${count === 1 ? "" : "s"})`;
    }
    case "console.signin":
      return `${who} opened the AWS console as ${role}${accessNote(details)}${refused}${reasonNote(details, event.reason)}`;
    case "credentials.issue":
      return `${who} got CLI credentials for ${role}${accessNote(details)}${refused}${reasonNote(details, event.reason)}`;
    case "signin":
      return event.outcome === "success" ? `${who} signed in` : `Sign-in refused for ${event.actor ?? "someone"}`;
    case "session.create":
      return `${who} started a ${asText(details.kind) || "browser"} session`;
    case "session.expire":
      return `${who}'s session ended (${event.reason ?? "expired"})`;
    case "session.revoke":
      return `${who} ended ${asText(details.sessions) || "some"} session(s)`;
    case "session.refresh_groups":
      return `${who}'s groups were re-checked with the identity provider`;
    case "access.revoke":
      return `${who} revoked access for ${asText(details.subject) || "someone"}${details.suspended ? " and suspended them" : ""}`;
    case "access.unsuspend":
      return `${who} lifted the suspension of ${asText(details.subject) || "someone"}`;
    case "request.create":
      return `${who} requested ${role}${reasonNote(details, null)}`;
    case "request.approve":
      return `${who} approved ${asText(details.requester) || "someone"}'s request for ${role}${details.status === "approved" ? ", granted" : ", awaiting another approval"}`;
    case "request.deny":
      return `${who} denied ${asText(details.requester) || "someone"}'s request for ${role}`;
    case "request.cancel":
      return `${who} withdrew a request for ${role}`;
    case "request.expire":
      return `${asText(details.requester) || "Someone"}'s request for ${role} closed unanswered`;
    case "grant.end":
      return `${who} ended ${asText(details.requester) || "someone"}'s grant of ${role}`;
    case "grant.expire":
      return `${asText(details.requester) || "Someone"}'s grant of ${role} expired`;
    default:
      return `${who}: ${event.action}${refused}`;
  }
}
