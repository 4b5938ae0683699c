import "server-only";
import { recordAuditEvent } from "@/lib/audit/record";
import type { Db } from "@/lib/db/client";
import { getEnv } from "@/lib/env";
import { toSessionColumns, type IdpLogout } from "@/lib/sessions/idp-logout";
import { hashSessionSecret, newSessionSecret } from "@/lib/sessions/session-secret";
import { sessionExpiry } from "@/lib/sessions/session-state";

export type SessionKind = "browser" | "terminal";
export type SessionClient = { ip?: string; userAgent?: string };

/**
 * Opens a session after an interactive IdP sign-in, or when a terminal redeems an approved device code: a row that every later request checks. Its
 * absolute lifetime (AIRLOCK_SESSION_MAX_AGE) counts from `authenticatedAt`. Returns the secret,
 * which only the cookie or token carries.
 */
export async function createSession({
  db,
  user,
  kind,
  idp,
  groups,
  client,
  authenticatedAt,
  idpAuthenticatedAt,
  groupsCheckedAt,
  logout,
  now = new Date(),
}: {
  db: Db;
  user: { id: string; email: string };
  kind: SessionKind;
  idp: string;
  groups: string[];
  client?: SessionClient;
  authenticatedAt?: Date;
  /** When the person last authenticated at the IdP, as it said (a terminal inherits its approver's). */
  idpAuthenticatedAt?: Date | null;
  /** When the IdP last asserted `groups` (a terminal inherits its approving session's); default now. */
  groupsCheckedAt?: Date;
  /** A browser session: what ending it at the IdP needs (single logout). */
  logout?: IdpLogout;
  now?: Date;
}): Promise<{ secret: string; id: string; expiresAt: Date }> {
  const secret = newSessionSecret();
  const id = hashSessionSecret(secret);
  const signedInAt = authenticatedAt ?? now;
  const expiresAt = sessionExpiry(signedInAt, getEnv().AIRLOCK_SESSION_MAX_AGE);
  await db.session.create({
    data: {
      id,
      userId: user.id,
      kind,
      idp,
      groups: JSON.stringify(groups),
      groupsCheckedAt: groupsCheckedAt ?? now,
      authenticatedAt: signedInAt,
      idpAuthenticatedAt: idpAuthenticatedAt ?? null,
      lastSeenAt: now,
      expiresAt,
      clientIp: client?.ip,
      userAgent: client?.userAgent?.slice(0, 512),
      ...toSessionColumns(logout),
    },
  });
  await recordAuditEvent({
    db,
    event: {
      action: "session.create",
      outcome: "success",
      userId: user.id,
      actor: user.email,
      clientIp: client?.ip,
      userAgent: client?.userAgent,
      details: { session: id.slice(0, 12), kind, idp, groups, expiresAt: expiresAt.toISOString() },
    },
  });
  return { secret, id, expiresAt };
}
