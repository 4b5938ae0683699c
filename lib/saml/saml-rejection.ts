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
      | "database_unavailable",
    message: string,
  ) {
    super(message);
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
