import "server-only";
import { recordAuditEvent } from "@/lib/audit/record";
import type { Db } from "@/lib/db/client";

/**
 * Ends the browser sessions an IdP's logout names: all of one person's at that IdP (`subject`),
 * or only those of the IdP sessions given (`idpSessionIds`: SAML SessionIndex, OIDC `sid`), or
 * both together. With both, a session of that person whose sign-in named no IdP session ends too:
 * Airlock cannot tell it apart from the one named. Terminal sessions are left alone: they are device grants with their own lifetime
 * and group-freshness checks, not IdP sign-ins. Returns how many ended.
 */
export async function revokeIdpSessions({
  db,
  idp,
  subject,
  idpSessionIds = [],
  reason,
  now = new Date(),
}: {
  db: Db;
  /** "saml:<entity id>" or "oidc:<issuer>", as the sessions record it. */
  idp: string;
  subject?: string;
  idpSessionIds?: string[];
  reason: string;
  now?: Date;
}): Promise<number> {
  // Never "every session of this IdP": a message must name a person or an IdP session.
  if (!subject && idpSessionIds.length === 0) return 0;
  const where = {
    idp,
    kind: "browser",
    revokedAt: null,
    expiresAt: { gt: now },
    ...(subject ? { idpSubject: subject } : {}),
    ...(idpSessionIds.length
      ? subject
        ? { OR: [{ idpSessionId: { in: idpSessionIds } }, { idpSessionId: null }] }
        : { idpSessionId: { in: idpSessionIds } }
      : {}),
  };
  const sessions = await db.session.findMany({ where, select: { id: true, userId: true }, take: 1000 });
  if (sessions.length === 0) return 0;
  const { count } = await db.session.updateMany({
    where: { ...where, id: { in: sessions.map((s) => s.id) } },
    data: { revokedAt: now, revokedBy: idp, revokeReason: reason, idpLogout: null },
  });
  const userIds = [...new Set(sessions.map((s) => s.userId))];
  await recordAuditEvent({
    db,
    event: {
      action: "session.revoke",
      outcome: "success",
      reason,
      actor: idp,
      userId: userIds.length === 1 ? userIds[0] : undefined,
      details: { sessions: count, subjectUserIds: userIds, idpSessions: idpSessionIds.length },
    },
  });
  return count;
}
