/**
 * What went wrong, as a kind with its own exit code. Every failure ends as ONE line on stderr that
 * says what to do next; scripts tell the kinds apart by the exit code (documented in the README).
 */

export const exitCodes = {
  failed: 1,
  usage: 2,
  not_logged_in: 3,
  session_ended: 4,
  groups_stale: 5,
  not_entitled: 6,
  unreachable: 7,
  aws_refused: 8,
  rate_limited: 9,
  login_failed: 10,
  reason_required: 11,
  step_up_required: 12,
} as const;

export type ErrorKind = keyof typeof exitCodes;

export class CliError extends Error {
  constructor(
    readonly kind: ErrorKind,
    message: string,
    /** For `groups_stale` and `step_up_required`: the portal path to open in a browser. */
    readonly refreshPath?: string,
  ) {
    super(message);
    this.name = "CliError";
  }

  get exitCode(): number {
    return exitCodes[this.kind];
  }
}

/** An Airlock API error body: `{"error":{"code","message",...}}`. */
export type ApiErrorBody = {
  code?: string;
  message?: string;
  reason?: string;
  refreshUrl?: string;
  groups?: string[];
};

const loginHint = "Run `airlock login` to sign in again.";

/** Turns an Airlock API answer that is not OK into the error the person sees. Pure. */
export function toCliError(status: number, body: ApiErrorBody | undefined, context: { url: string }): CliError {
  const message = body?.message?.trim();
  switch (status) {
    case 401:
      if (body?.reason === "groups_stale") {
        const refreshPath = toRelativePath(body.refreshUrl);
        return new CliError(
          "groups_stale",
          `Airlock needs to re-check your groups: open ${context.url}${refreshPath} in your browser, then run the command again.`,
          refreshPath,
        );
      }
      if (body?.reason === "step_up_required") {
        const refreshPath = toRelativePath(body.refreshUrl);
        return new CliError(
          "step_up_required",
          message ??
            `This role needs a recent sign-in at your identity provider: open ${context.url}${refreshPath} in your browser, then run the command again.`,
          refreshPath,
        );
      }
      if (body?.reason === "suspended")
        return new CliError("session_ended", `Your Airlock access is suspended. ${message ?? ""}`.trim());
      return new CliError(
        "session_ended",
        `Your Airlock session has ended (${describeReason(body?.reason)}). ${loginHint}`,
      );
    case 403: {
      const groups = body?.groups ?? [];
      const ask = groups.length
        ? `Ask to be added to ${groups.length === 1 ? "the group" : "one of the groups"} ${groups.join(", ")}.`
        : "Run `airlock ls` to see the roles you have.";
      // With the groups known, their names replace the portal's general advice after its first sentence.
      const what = groups.length && message ? message.replace(/^(.*?\.)\s.*$/s, "$1") : message;
      return new CliError("not_entitled", `${what ?? "You are not entitled to this role."} ${ask}`);
    }
    case 429:
      return new CliError("rate_limited", `${message ?? "Too many requests."} Wait a minute and try again.`);
    case 502:
      return new CliError("aws_refused", message ?? "AWS refused the request.");
    case 503:
    case 504:
      return new CliError("unreachable", `${message ?? "Airlock is unavailable."} Try again in a minute.`);
    case 400:
      if (body?.code === "reason_required")
        return new CliError(
          "reason_required",
          `${message ?? "This role requires a reason."} Pass it with --reason, e.g. --reason "INC-1234: restart the API".`,
        );
      return new CliError("usage", message ?? `Airlock did not accept the request (HTTP ${status}).`);
    case 404:
      return new CliError("usage", message ?? `Airlock did not accept the request (HTTP ${status}).`);
    default:
      return new CliError(
        "failed",
        message ?? `Airlock answered HTTP ${status}. Try again; if it persists, tell your Airlock administrators.`,
      );
  }
}

function describeReason(reason: string | undefined): string {
  switch (reason) {
    case "expired":
      return "it reached its end time";
    case "idle":
      return "it was unused for too long";
    case "revoked":
      return "it was revoked";
    default:
      return "it is no longer valid";
  }
}

/** A portal path from an answer, kept only if it is relative (never another host). */
export function toRelativePath(value: unknown): string {
  return typeof value === "string" && value.startsWith("/") && !value.startsWith("//") && !value.includes("\\")
    ? value
    : "/";
}
