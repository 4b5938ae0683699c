import "server-only";
import { recordAuditEvent } from "@/lib/audit/record";
import type { Db } from "@/lib/db/client";
import { noteIdpAuthentication } from "@/lib/sessions/note-idp-authentication";
import { diffGroups } from "@/lib/sessions/refresh-session-groups";

/**
 * When the IdP asserts a person's groups (an interactive sign-in or a passive refresh in the
 * browser), their live terminal sessions from the same IdP take the new groups and check time too:
 * one browser round trip keeps the terminal fresh, and a group the IdP took away is gone there as
 * well. So does a newer IdP authentication time (`idpAuthenticatedAt`): a step-up done in the
 * browser counts for the person's terminals. Audited per session like a browser's refresh. Sessions
 * never get longer from this.
 */
export async function refreshTerminalGroups({
  db,
  user,
  idp,
  groups,
  idpAuthenticatedAt,
  now = new Date(),
}: {
  db: Db;
  user: { id: string; email: string };
  idp: string;
  groups: string[];
  idpAuthenticatedAt?: Date | null;
  now?: Date;
}): Promise<number> {
  const live = { userId: user.id, kind: "terminal", idp, revokedAt: null, expiresAt: { gt: now } };
  const terminals = await db.session.findMany({ where: live, select: { id: true, groups: true }, take: 100 });
  let refreshed = 0;
  for (const terminal of terminals) {
    const { count } = await db.session.updateMany({
      where: { ...live, id: terminal.id },
      data: { groups: JSON.stringify(groups), groupsCheckedAt: now },
    });
    if (count !== 1) continue;
    refreshed++;
    const previous = JSON.parse(terminal.groups) as string[];
    await recordAuditEvent({
      db,
      event: {
        action: "session.refresh_groups",
        outcome: "success",
        userId: user.id,
        actor: user.email,
        details: {
          session: terminal.id.slice(0, 12),
          kind: "terminal",
          ...diffGroups(previous, groups),
        },
      },
    });
  }
  await noteIdpAuthentication({ db, where: live, at: idpAuthenticatedAt });
  return refreshed;
}
