import "server-only";
import { recordAuditEvent } from "@/lib/audit/record";
import type { Db } from "@/lib/db/client";

/**
 * Ends sessions at once: sign-out (one session), "sign out everywhere else" (all but one) and an
 * admin's "revoke access" (all of a person's). The rows stay, marked, until they would have expired.
 */
export async function revokeSessions({
  db,
  userId,
  only,
  except,
  by,
  reason,
  now = new Date(),
}: {
  db: Db;
  userId: string;
  /** Just this session (its id, the hash). */
  only?: string;
  /** All of the person's sessions but this one. */
  except?: string;
  /** Who ended them: the person themself or an admin (email). */
  by: { id: string; email: string };
  reason: string;
  now?: Date;
}): Promise<number> {
  const { count } = await db.session.updateMany({
    where: {
      userId,
      revokedAt: null,
      expiresAt: { gt: now },
      ...(only ? { id: only } : {}),
      ...(except ? { id: { not: except } } : {}),
    },
    // The IdP logout handle (an OIDC ID token among them) is kept no longer than the session.
    data: { revokedAt: now, revokedBy: by.email, revokeReason: reason, idpLogout: null },
  });
  // A session already ended (its old cookie posted again, however often) is no event to record.
  if (only && count === 0) return 0;
  await recordAuditEvent({
    db,
    event: {
      action: "session.revoke",
      outcome: "success",
      reason,
      userId: by.id,
      actor: by.email,
      details: { subjectUserId: userId, sessions: count, ...(only ? { session: only.slice(0, 12) } : {}) },
    },
  });
  return count;
}
