import "server-only";
import type { PortalUser } from "@/lib/auth/session";
import type { Db } from "@/lib/db/client";
import { listEntitlementsForGroups } from "@/lib/entitlements/list-access";
import { getEnv } from "@/lib/env";

export type EntitlementsResponse = {
  user: { email: string; name: string | null };
  session: {
    kind: "browser" | "terminal";
    expiresAt: string;
    idleTimeoutSeconds: number;
    /** When the person last authenticated at the IdP (ISO 8601), as it said; absent when it did not. */
    idpAuthenticatedAt?: string;
  };
  defaultRegion: string;
  roles: {
    accountId: string;
    accountName: string;
    environment: string;
    partition: string;
    roleName: string;
    description: string | null;
    maxSessionDuration: number;
    allowedSessionDuration: number;
    defaultSessionDuration: number;
    requireReason: boolean;
    readOnlyFirst: boolean;
    /** Step-up: issuance needs an IdP authentication within this many minutes. */
    stepUpMinutes?: number;
    /** When only a time-bound grant gives the role: the grant's end (ISO 8601). */
    grantExpiresAt?: string;
  }[];
};

/** GET /api/entitlements' answer: who is calling, their session, and every role they may use, sorted. */
export async function describeEntitlements({ db, user }: { db: Db; user: PortalUser }): Promise<EntitlementsResponse> {
  const env = getEnv();
  const [entitlements, person] = await Promise.all([
    listEntitlementsForGroups({ db, groups: user.groups, userId: user.id }),
    db.user.findUnique({ where: { id: user.id }, select: { preferredRegion: true } }),
  ]);
  return {
    user: { email: user.email, name: user.name ?? null },
    session: {
      kind: user.sessionKind,
      expiresAt: user.sessionExpiresAt.toISOString(),
      idleTimeoutSeconds: env.AIRLOCK_SESSION_IDLE_TIMEOUT,
      ...(user.idpAuthenticatedAt && { idpAuthenticatedAt: user.idpAuthenticatedAt.toISOString() }),
    },
    defaultRegion: person?.preferredRegion ?? env.AIRLOCK_AWS_REGION,
    roles: entitlements.map((e) => ({
      accountId: e.account.id,
      accountName: e.account.name,
      environment: e.account.environment,
      partition: e.account.partition,
      roleName: e.roleName,
      description: e.roleDescription,
      maxSessionDuration: e.maxSessionDuration,
      allowedSessionDuration: e.allowedSessionDuration,
      defaultSessionDuration: e.defaultSessionDuration,
      requireReason: e.requireReason,
      readOnlyFirst: e.readOnlyFirst,
      ...(e.stepUpMinutes !== null && { stepUpMinutes: e.stepUpMinutes }),
      ...(!e.standing && e.grant && { grantExpiresAt: e.grant.expiresAt.toISOString() }),
    })),
  };
}
