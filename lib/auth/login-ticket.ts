import "server-only";
import { createHash, randomBytes } from "node:crypto";
import type { VerifiedIdentity } from "@/lib/auth/identity";
import { parseGroups } from "@/lib/auth/identity";
import type { Db } from "@/lib/db/client";

/**
 * One-time, short-lived tickets that hand a verified SAML sign-in to next-auth. Only the SHA-256 of
 * a ticket is stored, so a database reader cannot redeem one.
 */

export const LOGIN_TICKET_SECONDS = 60;

const hashOf = (ticket: string) => createHash("sha256").update(ticket).digest("hex");

export async function createLoginTicket({
  db,
  identity,
  passive = false,
  now = new Date(),
}: {
  db: Db;
  identity: VerifiedIdentity;
  /** The identity answers a passive request: it refreshes a session rather than starting one. */
  passive?: boolean;
  now?: Date;
}): Promise<string> {
  const ticket = randomBytes(32).toString("base64url");
  await db.loginTicket.create({
    data: {
      tokenHash: hashOf(ticket),
      idp: identity.idp,
      subject: identity.subject,
      email: identity.email,
      name: identity.name,
      username: identity.username,
      groups: JSON.stringify(identity.groups),
      passive,
      expiresAt: new Date(now.getTime() + LOGIN_TICKET_SECONDS * 1000),
    },
  });
  return ticket;
}

/** The identity behind a ticket, once: a second redemption, or an expired ticket, yields null. */
export async function redeemLoginTicket({
  db,
  ticket,
  now = new Date(),
}: {
  db: Db;
  ticket: unknown;
  now?: Date;
}): Promise<(VerifiedIdentity & { passive: boolean }) | null> {
  if (typeof ticket !== "string" || !/^[\w-]{43}$/.test(ticket)) return null;
  const tokenHash = hashOf(ticket);
  const row = await db.loginTicket.findUnique({ where: { tokenHash } });
  // deleteMany's count decides the race between two redemptions of the same ticket.
  const { count } = await db.loginTicket.deleteMany({ where: { tokenHash } });
  if (!row || count !== 1 || row.expiresAt <= now) return null;
  return {
    idp: row.idp,
    subject: row.subject,
    email: row.email,
    name: row.name,
    username: row.username,
    groups: parseGroups(JSON.parse(row.groups)),
    passive: row.passive,
  };
}
