import "server-only";
import type { User } from "next-auth";
import { headers } from "next/headers";
import { readSessionCookie } from "@/lib/auth/session";
import { getDb } from "@/lib/db/client";
import { getClientInfo } from "@/lib/http/client-info";
import { createSession } from "@/lib/sessions/create-session";
import { refreshSessionGroups } from "@/lib/sessions/refresh-session-groups";
import { noteIdpAuthentication } from "@/lib/sessions/note-idp-authentication";
import { refreshTerminalGroups } from "@/lib/sessions/refresh-terminal-groups";
import { toSessionColumns } from "@/lib/sessions/idp-logout";
import { revokeSessions } from "@/lib/sessions/revoke-sessions";
import { hashSessionSecret, isSessionSecret } from "@/lib/sessions/session-secret";

/**
 * Turns a completed IdP sign-in into the browser's session (next-auth's jwt callback calls this):
 * a passive round trip refreshes the groups of this browser's live session of the same person,
 * keeping its sign-in time and absolute end; an interactive one opens a new session and ends the
 * one this browser held before. Either way the person's live terminal sessions from the same IdP take
 * the asserted groups too.
 * Returns the session secret for the cookie.
 */
export async function openBrowserSession(user: User): Promise<string> {
  const db = getDb();
  const person = { id: user.id, email: user.email ?? "" };
  const groups = user.groups ?? [];
  // The IdP just vouched for these groups (and said when it authenticated the person): the
  // person's terminals from the same IdP take them too.
  const refreshTerminals = () =>
    refreshTerminalGroups({
      db,
      user: person,
      idp: user.idp ?? "",
      groups,
      idpAuthenticatedAt: user.idpAuthenticatedAt,
    });
  const previous = await readSessionCookie();
  const previousId = isSessionSecret(previous?.sid) ? hashSessionSecret(previous.sid) : undefined;
  if (user.passive) {
    // next-auth's signIn callback let this through only for this browser's live session of the
    // same person; should it have ended since, no session (a passive answer never opens one).
    if (
      previousId &&
      previous?.uid === user.id &&
      (await refreshSessionGroups({ db, id: previousId, user: person, groups }))
    ) {
      await refreshTerminals();
      // The IdP's answer names its current session (logout messages will name that one) and when
      // the person last authenticated there, which may be later than this session's sign-in.
      if (user.idpLogout)
        await db.session.update({ where: { id: previousId }, data: toSessionColumns(user.idpLogout) });
      await noteIdpAuthentication({ db, where: { id: previousId }, at: user.idpAuthenticatedAt });
      return previous.sid!;
    }
    throw new Error("The session to refresh has ended.");
  }
  if (previousId && previous?.uid)
    await revokeSessions({
      db,
      userId: previous.uid,
      only: previousId,
      by: { id: previous.uid, email: previous.email ?? "" },
      reason: "replaced by a new sign-in",
    });
  const { secret } = await createSession({
    db,
    user: person,
    kind: "browser",
    idp: user.idp ?? "",
    groups,
    client: getClientInfo(await headers()),
    logout: user.idpLogout,
    idpAuthenticatedAt: user.idpAuthenticatedAt,
  });
  await refreshTerminals();
  return secret;
}
