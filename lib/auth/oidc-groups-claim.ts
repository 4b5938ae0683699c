import "server-only";
import type { GroupsClaimStatus } from "@/lib/auth/oidc-claims";
import type { Db } from "@/lib/db/client";
import { log } from "@/lib/log";

/**
 * An OIDC sign-in whose OP sent no groups claim, in the ID token or userinfo. Many OPs leave the
 * claim out for a person in no group, and Airlock grants AWS access only on groups the IdP asserted
 * at this sign-in: so the person signs in with no groups (their stored groups are replaced, as any
 * sign-in replaces them), and this is never silent: a log line, and the sign-in audit row says the
 * claim was missing, where Airlock looked and which groups the person had before.
 */
export async function noteMissingGroupsClaim({
  db,
  status,
  idp,
  subject,
}: {
  db: Db;
  status: GroupsClaimStatus | undefined;
  idp: string;
  subject: string;
}): Promise<Record<string, unknown> | undefined> {
  if (status?.status !== "missing") return undefined;
  const stored = await db.user.findUnique({ where: { idp_subject: { idp, subject } }, select: { groups: true } });
  const previousGroups = stored ? (JSON.parse(stored.groups) as string[]) : [];
  const details = { claim: status.claim, lookedIn: status.lookedIn, previousGroups };
  log.warn("oidc_groups_claim_missing", { idp, subject, ...details });
  return { groupsClaim: { status: "missing", ...details } };
}
