import "server-only";
import { recordAuditEvent } from "@/lib/audit/record";
import { parseGroups } from "@/lib/auth/identity";
import type { Db } from "@/lib/db/client";
import { OAuthError } from "@/lib/device/oauth-response";
import { evaluatePoll, type DeviceStatus } from "@/lib/device/polling";
import { hashCode } from "@/lib/device/user-code";
import { addressBucket } from "@/lib/http/address-bucket";
import { consumeRateLimit } from "@/lib/rate-limit";
import { createSession } from "@/lib/sessions/create-session";
import { TERMINAL_TOKEN_PREFIX } from "@/lib/sessions/session-secret";

export const DEVICE_CODE_GRANT = "urn:ietf:params:oauth:grant-type:device_code";
/** Per client address: a CLI polls every 5 s; this leaves room for several behind one NAT. */
export const TOKEN_RATE_LIMIT = { limit: 120, windowSeconds: 60 };

export type TokenGrant = {
  access_token: string;
  token_type: "Bearer";
  expires_in: number;
  user: { email: string; name: string | null };
};

const messages = {
  authorization_pending: "Waiting for you to approve this sign-in in your browser.",
  access_denied: "The sign-in was denied in the browser.",
  expired_token: "The code expired before it was approved. Run `airlock login` again.",
  invalid_grant: "Unknown or already used device code. Run `airlock login` again.",
} as const;

/**
 * The token endpoint (RFC 8628 §3.4-3.5): one poll with a device code. An approved code is
 * redeemed exactly once: the status moves from approved to redeemed in one conditional update, so
 * of two concurrent polls only one opens the terminal session.
 */
export async function pollDeviceToken({
  db,
  form,
  client,
  now = new Date(),
}: {
  db: Db;
  form: URLSearchParams;
  client: { ip?: string; userAgent?: string };
  now?: Date;
}): Promise<TokenGrant> {
  await consumeRateLimit({ db, key: `device-token:${addressBucket(client.ip)}`, ...TOKEN_RATE_LIMIT, now });
  if (form.get("grant_type") !== DEVICE_CODE_GRANT)
    throw new OAuthError("unsupported_grant_type", `grant_type must be ${DEVICE_CODE_GRANT}.`);
  const deviceCode = form.get("device_code");
  if (!deviceCode || deviceCode.length > 128) throw new OAuthError("invalid_request", "device_code is missing.");
  const id = hashCode(deviceCode);
  const row = await db.deviceAuthorization.findUnique({ where: { id } });
  if (!row) throw new OAuthError("invalid_grant", messages.invalid_grant);
  const outcome = evaluatePoll({ ...row, status: row.status as DeviceStatus }, now);
  if (outcome.kind !== "error" || outcome.error !== "invalid_grant")
    await db.deviceAuthorization.updateMany({
      where: { id },
      data: { lastPolledAt: now, ...(outcome.kind === "slow_down" ? { interval: outcome.interval } : {}) },
    });
  if (outcome.kind === "slow_down")
    throw new OAuthError("slow_down", `Polling too fast: wait at least ${outcome.interval} seconds between requests.`);
  if (outcome.kind === "error") throw new OAuthError(outcome.error, messages[outcome.error]);
  return redeem({ db, id, now });
}

async function redeem({ db, id, now }: { db: Db; id: string; now: Date }): Promise<TokenGrant> {
  const { count } = await db.deviceAuthorization.updateMany({
    where: { id, status: "approved", expiresAt: { gt: now } },
    data: { status: "redeemed" },
  });
  const row = count === 1 ? await db.deviceAuthorization.findUnique({ where: { id } }) : null;
  const user = row?.userId
    ? await db.user.findUnique({
        where: { id: row.userId },
        select: { id: true, email: true, name: true, suspendedAt: true },
      })
    : null;
  if (!row || !user) throw new OAuthError("invalid_grant", messages.invalid_grant);
  if (user.suspendedAt) throw new OAuthError("access_denied", "Your Airlock access is suspended.");
  const approver = await findApprovingSession({ db, id: row.approvedBySession, userId: user.id, now });
  const {
    secret,
    id: sessionId,
    expiresAt,
  } = await createSession({
    db,
    user,
    kind: "terminal",
    idp: approver.idp,
    groups: parseGroups(JSON.parse(approver.groups)),
    groupsCheckedAt: approver.groupsCheckedAt,
    client: { ip: row.clientIp ?? undefined, userAgent: describeTerminal(row) },
    authenticatedAt: now,
    // The person authenticated at the IdP no later than the browser that approved: step-up
    // guardrails hold the terminal to that moment, not to this one.
    idpAuthenticatedAt: approver.idpAuthenticatedAt,
    now,
  });
  await db.deviceAuthorization.updateMany({ where: { id }, data: { sessionId } });
  await recordAuditEvent({
    db,
    event: {
      action: "device.redeem",
      outcome: "success",
      userId: user.id,
      actor: user.email,
      clientIp: row.clientIp ?? undefined,
      userAgent: row.userAgent ?? undefined,
      details: { session: sessionId.slice(0, 12), deviceName: row.deviceName, via: "terminal" },
    },
  });
  return {
    access_token: `${TERMINAL_TOKEN_PREFIX}${secret}`,
    token_type: "Bearer",
    expires_in: Math.max(0, Math.floor((expiresAt.getTime() - now.getTime()) / 1000)),
    user: { email: user.email, name: user.name },
  };
}

/**
 * The browser session that approved the code, still live at redemption: signing out there (or
 * "Sign out everywhere", an admin's revocation) in the minutes before the terminal polls again
 * also stops the terminal. Its current groups are the terminal's, so a group the IdP took away
 * after the approval is not carried over.
 */
async function findApprovingSession({
  db,
  id,
  userId,
  now,
}: {
  db: Db;
  id: string | null;
  userId: string;
  now: Date;
}): Promise<{ idp: string; groups: string; groupsCheckedAt: Date; idpAuthenticatedAt: Date | null }> {
  const session = id
    ? await db.session.findFirst({
        where: { id, userId, kind: "browser", revokedAt: null, expiresAt: { gt: now } },
        select: { idp: true, groups: true, groupsCheckedAt: true, idpAuthenticatedAt: true },
      })
    : null;
  if (!session)
    throw new OAuthError(
      "access_denied",
      "The browser session that approved this sign-in has ended since. Run `airlock login` again.",
    );
  return session;
}

/** What the session list shows for a terminal: the device name the CLI sent, then its user agent. */
export function describeTerminal({ deviceName, userAgent }: { deviceName: string | null; userAgent: string | null }) {
  return [deviceName, userAgent].filter(Boolean).join(" · ") || "terminal";
}
