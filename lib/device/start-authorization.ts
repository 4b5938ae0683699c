import "server-only";
import { z } from "zod";
import type { Db } from "@/lib/db/client";
import { prismaErrorCode } from "@/lib/db/errors";
import { DEFAULT_POLL_INTERVAL_SECONDS, DEVICE_CODE_LIFETIME_SECONDS } from "@/lib/device/polling";
import { OAuthError } from "@/lib/device/oauth-response";
import { generateDeviceCode, generateUserCode, hashCode, normalizeUserCode } from "@/lib/device/user-code";
import { addressBucket } from "@/lib/http/address-bucket";
import { consumeRateLimit } from "@/lib/rate-limit";

/** Limits on what anyone can create without signing in. */
export const AUTHORIZE_RATE_LIMIT = { limit: 10, windowSeconds: 60 };
export const MAX_PENDING_PER_ADDRESS = 20;
export const MAX_PENDING_TOTAL = 5000;

export const authorizeFormSchema = z.object({
  device_name: z
    .string()
    .max(64, "device_name: at most 64 characters.")
    // Shown on the approval page and in the session list: printable text only.
    .regex(/^[^\p{Cc}\p{Cf}]*$/u, "device_name: printable characters only.")
    .optional(),
});

export type DeviceAuthorizationGrant = {
  device_code: string;
  user_code: string;
  verification_uri: string;
  verification_uri_complete: string;
  expires_in: number;
  interval: number;
};

/**
 * Starts a device authorization (RFC 8628 §3.1-3.2): rate-limited per client address, with at most
 * MAX_PENDING_PER_ADDRESS open at once per address and MAX_PENDING_TOTAL in all, so unauthenticated
 * callers cannot fill the database. Only the codes' hashes are stored.
 */
export async function startDeviceAuthorization({
  db,
  form,
  client,
  baseUrl,
  now = new Date(),
}: {
  db: Db;
  form: URLSearchParams;
  client: { ip?: string; userAgent?: string };
  baseUrl: string;
  now?: Date;
}): Promise<DeviceAuthorizationGrant> {
  await consumeRateLimit({ db, key: `device-authorize:${addressBucket(client.ip)}`, ...AUTHORIZE_RATE_LIMIT, now });
  const parsed = authorizeFormSchema.safeParse({ device_name: form.get("device_name") ?? undefined });
  if (!parsed.success) throw new OAuthError("invalid_request", parsed.error.issues.map((i) => i.message).join(" "));
  const live = { status: "pending", expiresAt: { gt: now } };
  const [mine, all] = await Promise.all([
    db.deviceAuthorization.count({ where: { ...live, clientIp: client.ip ?? null } }),
    db.deviceAuthorization.count({ where: live }),
  ]);
  if (mine >= MAX_PENDING_PER_ADDRESS || all >= MAX_PENDING_TOTAL)
    throw new OAuthError(
      "rate_limited",
      "Too many sign-ins are waiting for approval. Try again in a few minutes.",
      429,
      {
        "Retry-After": "60",
      },
    );
  const deviceCode = generateDeviceCode();
  const expiresAt = new Date(now.getTime() + DEVICE_CODE_LIFETIME_SECONDS * 1000);
  for (let attempt = 0; ; attempt++) {
    const userCode = generateUserCode();
    try {
      await db.deviceAuthorization.create({
        data: {
          id: hashCode(deviceCode),
          userCodeHash: hashCode(normalizeUserCode(userCode)!),
          deviceName: parsed.data.device_name || null,
          clientIp: client.ip ?? null,
          userAgent: client.userAgent?.slice(0, 256) ?? null,
          interval: DEFAULT_POLL_INTERVAL_SECONDS,
          expiresAt,
          createdAt: now,
        },
      });
      const verificationUri = `${baseUrl.replace(/\/$/, "")}/device`;
      return {
        device_code: deviceCode,
        user_code: userCode,
        verification_uri: verificationUri,
        verification_uri_complete: `${verificationUri}?user_code=${userCode}`,
        expires_in: DEVICE_CODE_LIFETIME_SECONDS,
        interval: DEFAULT_POLL_INTERVAL_SECONDS,
      };
    } catch (error) {
      // A user code already in use (1 in 2.6e10 per live code): draw another.
      if (prismaErrorCode(error) !== "P2002" || attempt >= 3) throw error;
    }
  }
}
