import type { SessionUser } from "@/lib/auth/session-user";

/** Who asks for access: the signed-in person, as their session describes them. */
export type Requester = SessionUser & {
  /** A browser (cookie) or a terminal (the `airlock` CLI, by bearer token); browser when absent. */
  sessionKind?: "browser" | "terminal";
  /** The session's IdP: "oidc:<issuer>" or "saml:<entity id>". */
  idp?: string;
  /** The session row's id (the SHA-256 of its secret). */
  sessionId?: string;
  /** The console region the person last chose: the formats' default region when they ask for none. */
  preferredRegion?: string | null;
};

export type IssueClient = { ip?: string; userAgent?: string };

/** Recorded in every audit row of an issuance a terminal asked for. */
export type IssueVia = { via: "terminal"; session: string };

/** Whether a terminal asks (by bearer token): its issuances say so in the audit log. Pure. */
export function viaOf(user: Requester): IssueVia | undefined {
  return user.sessionKind === "terminal" && user.sessionId
    ? { via: "terminal", session: user.sessionId.slice(0, 12) }
    : undefined;
}
