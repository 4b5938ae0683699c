import "server-only";
import { recordAuditEvent } from "@/lib/audit/record";
import type { PortalUser } from "@/lib/auth/session";
import type { Db } from "@/lib/db/client";
import { formatUserCode, hashCode, normalizeUserCode } from "@/lib/device/user-code";
import { addressBucket } from "@/lib/http/address-bucket";
import { consumeRateLimit } from "@/lib/rate-limit";

/** Codes entered on /device, right or wrong, per person and per address: guessing a live code is hopeless. */
export const CODE_ENTRY_LIMITS = { perPerson: 20, perAddress: 40, windowSeconds: 600 };

export type PendingDevice = {
  userCode: string;
  deviceName: string | null;
  clientIp: string | null;
  userAgent: string | null;
  createdAt: Date;
  expiresAt: Date;
};

export type DeviceLookup =
  { state: "pending"; device: PendingDevice } | { state: "unknown" | "expired" | "approved" | "denied" | "redeemed" };

/** Counts one code entered (throws `rate_limited` past the limits): the page and both actions count. */
async function countCodeEntry({ db, userId, clientIp, now }: { db: Db; userId: string; clientIp?: string; now: Date }) {
  const { perPerson, perAddress, windowSeconds } = CODE_ENTRY_LIMITS;
  await consumeRateLimit({ db, key: `device-code:user:${userId}`, limit: perPerson, windowSeconds, now });
  await consumeRateLimit({
    db,
    key: `device-code:ip:${addressBucket(clientIp)}`,
    limit: perAddress,
    windowSeconds,
    now,
  });
}

/**
 * The sign-in request a person's typed code names, counted against their code-entry limits
 * (throws `rate_limited`). Only a pending, unexpired request can be decided.
 */
export async function lookUpUserCode({
  db,
  user,
  input,
  clientIp,
  now = new Date(),
}: {
  db: Db;
  user: PortalUser;
  input: string;
  clientIp?: string;
  now?: Date;
}): Promise<DeviceLookup> {
  await countCodeEntry({ db, userId: user.id, clientIp, now });
  const code = normalizeUserCode(input);
  const row = code ? await db.deviceAuthorization.findUnique({ where: { userCodeHash: hashCode(code) } }) : null;
  if (!code || !row) return { state: "unknown" };
  if (row.status !== "pending") return { state: row.status as "approved" | "denied" | "redeemed" };
  if (row.expiresAt <= now) return { state: "expired" };
  const { deviceName, clientIp: ip, userAgent, createdAt, expiresAt } = row;
  return {
    state: "pending",
    device: { userCode: formatUserCode(code), deviceName, clientIp: ip, userAgent, createdAt, expiresAt },
  };
}

/**
 * Approves or denies a pending sign-in request. Approval captures the approving session's groups,
 * IdP and group-check time: the terminal session starts with exactly those. One conditional
 * update, so a code is decided once; false when it was no longer pending (or had expired).
 */
export async function decideDeviceAuthorization({
  db,
  user,
  userCode,
  decision,
  client,
  now = new Date(),
}: {
  db: Db;
  user: PortalUser;
  userCode: string;
  decision: "approve" | "deny";
  client: { ip?: string; userAgent?: string };
  now?: Date;
}): Promise<boolean> {
  await countCodeEntry({ db, userId: user.id, clientIp: client.ip, now });
  const code = normalizeUserCode(userCode);
  if (!code) return false;
  const where = { userCodeHash: hashCode(code), status: "pending", expiresAt: { gt: now } };
  const row = await db.deviceAuthorization.findUnique({ where: { userCodeHash: where.userCodeHash } });
  const { count } = await db.deviceAuthorization.updateMany({
    where,
    data:
      decision === "approve"
        ? {
            status: "approved",
            userId: user.id,
            decidedAt: now,
            idp: user.idp,
            groups: JSON.stringify(user.groups),
            groupsCheckedAt: user.groupsCheckedAt,
            approvedBySession: user.sessionId,
          }
        : { status: "denied", userId: user.id, decidedAt: now },
  });
  if (count !== 1 || !row) return false;
  await recordAuditEvent({
    db,
    event: {
      action: decision === "approve" ? "device.approve" : "device.deny",
      outcome: "success",
      userId: user.id,
      actor: user.email,
      clientIp: client.ip,
      userAgent: client.userAgent,
      details: {
        via: "terminal",
        deviceName: row.deviceName,
        deviceAddress: row.clientIp,
        deviceUserAgent: row.userAgent,
        approvingSession: user.sessionId.slice(0, 12),
      },
    },
  });
  return true;
}
