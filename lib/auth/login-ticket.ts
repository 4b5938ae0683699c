import "server-only";
import { createHash, randomBytes } from "node:crypto";
import type { VerifiedIdentity } from "@/lib/auth/identity";
import { parseGroups } from "@/lib/auth/identity";
import type { Db } from "@/lib/db/client";
import { parseIdpLogout, type SamlIdpLogout } from "@/lib/sessions/idp-logout";

/**
 * One-time, short-lived tickets that hand a verified SAML sign-in to next-auth, each bound to the
 * browser that received it. Only SHA-256 hashes of the ticket and of the browser's binding are
 * stored, so a database reader cannot redeem one.
 */

export const LOGIN_TICKET_SECONDS = 60;

const hashOf = (value: string) => createHash("sha256").update(value).digest("hex");

export async function createLoginTicket({
  db,
  identity,
  logout,
  browserNonce,
  passive = false,
  idpAuthenticatedAt = null,
  now = new Date(),
}: {
  db: Db;
  identity: VerifiedIdentity;
  /** What a single logout needs (NameID, SessionIndex): the session takes it over. */
  logout?: SamlIdpLogout;
  /** The binding cookie's value in the browser the ticket is handed to. */
  browserNonce: string;
  /** The identity answers a passive request: it refreshes a session rather than starting one. */
  passive?: boolean;
  /** The assertion's AuthnInstant: when the person authenticated at the IdP. */
  idpAuthenticatedAt?: Date | null;
  now?: Date;
}): Promise<string> {
  const ticket = randomBytes(32).toString("base64url");
  await db.loginTicket.create({
    data: {
      tokenHash: hashOf(ticket),
      browserHash: hashOf(browserNonce),
      idp: identity.idp,
      subject: identity.subject,
      email: identity.email,
      name: identity.name,
      username: identity.username,
      groups: JSON.stringify(identity.groups),
      passive,
      idpLogout: logout ? JSON.stringify(logout) : null,
      idpAuthenticatedAt,
      expiresAt: new Date(now.getTime() + LOGIN_TICKET_SECONDS * 1000),
    },
  });
  return ticket;
}

export type LoginTicketLookup =
  | {
      status: "valid";
      identity: VerifiedIdentity;
      passive: boolean;
      logout?: SamlIdpLogout;
      idpAuthenticatedAt: Date | null;
    }
  /** Unknown, already used or expired. */
  | { status: "invalid" }
  /** A live ticket, but another browser's (or this request carries no binding): never redeemable here. */
  | { status: "other_browser"; email: string };

const isTicket = (ticket: unknown): ticket is string => typeof ticket === "string" && /^[\w-]{43}$/.test(ticket);

/** What a ticket would sign this browser in as, without using it up. */
export async function findLoginTicket({
  db,
  ticket,
  browserNonce,
  now = new Date(),
}: {
  db: Db;
  ticket: unknown;
  browserNonce: string | undefined;
  now?: Date;
}): Promise<LoginTicketLookup> {
  if (!isTicket(ticket)) return { status: "invalid" };
  const row = await db.loginTicket.findUnique({ where: { tokenHash: hashOf(ticket) } });
  if (!row || row.expiresAt <= now) return { status: "invalid" };
  if (!browserNonce || row.browserHash !== hashOf(browserNonce)) return { status: "other_browser", email: row.email };
  return {
    status: "valid",
    identity: {
      idp: row.idp,
      subject: row.subject,
      email: row.email,
      name: row.name,
      username: row.username,
      groups: parseGroups(JSON.parse(row.groups)),
    },
    passive: row.passive,
    logout: readSamlLogout(row.idpLogout),
    idpAuthenticatedAt: row.idpAuthenticatedAt,
  };
}

function readSamlLogout(json: string | null): SamlIdpLogout | undefined {
  const logout = parseIdpLogout(json);
  return logout?.protocol === "saml" ? logout : undefined;
}

/** Uses a ticket up: true for exactly one caller, and only while it is live. */
export async function consumeLoginTicket({
  db,
  ticket,
  now = new Date(),
}: {
  db: Db;
  ticket: string;
  now?: Date;
}): Promise<boolean> {
  // deleteMany's count decides the race between two redemptions of the same ticket.
  const { count } = await db.loginTicket.deleteMany({ where: { tokenHash: hashOf(ticket), expiresAt: { gt: now } } });
  return count === 1;
}
