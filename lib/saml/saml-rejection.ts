// Messages quote what the sender wrote (message IDs, status codes); they reach logs and pages.
const MAX_MESSAGE_CHARS = 1024;

/** A message of at most 1,024 characters: its start and its end, with what is left out marked. */
export function capRejectionMessage(message: string): string {
  if (message.length <= MAX_MESSAGE_CHARS) return message;
  const keep = (MAX_MESSAGE_CHARS - 5) / 2;
  return `${message.slice(0, Math.floor(keep))} […] ${message.slice(-Math.ceil(keep))}`;
}

/** Why a response was refused: `reason` for the audit log, `userCode` for the page the person sees. */
export class SamlRejection extends Error {
  constructor(
    readonly reason: string,
    readonly userCode:
      | "saml_invalid"
      | "saml_expired"
      | "saml_replayed"
      | "saml_unsolicited"
      | "saml_request_unknown"
      | "saml_unavailable"
      | "saml_too_large"
      | "saml_status"
      | "saml_no_email"
      | "saml_nameid_format"
      | "saml_subject_attribute"
      | "saml_subject_changed"
      | "database_unavailable",
    message: string,
  ) {
    super(capRejectionMessage(message));
    this.name = "SamlRejection";
  }
}

/**
 * The IdP answered with a status other than Success (no identity to read): which request it
 * answers, so that a "no" to a passive request can send the person to an interactive sign-in.
 */
export class SamlStatusRejection extends SamlRejection {
  constructor(
    readonly inResponseTo: string | null,
    /** The top-level status code first, then the nested ones (e.g. Responder, NoPassive). */
    readonly statusCodes: string[],
  ) {
    super("status_not_success", "saml_status", `The IdP reported status ${statusCodes.join(" / ") || "(none)"}.`);
    this.name = "SamlStatusRejection";
  }
}

/** A response that is not acceptable as it stands: shown to the person as "invalid". */
export const invalidSaml = (reason: string, message: string) => new SamlRejection(reason, "saml_invalid", message);
