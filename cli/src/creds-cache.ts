import { createHash } from "node:crypto";
import path from "node:path";
import { cacheDir } from "./paths";
import { readOptionalFile, removeFile, writePrivateFile } from "./private-file";

/**
 * Issued credentials kept until five minutes before they expire, one 0600 file per portal,
 * account, role and duration, so a burst of `aws` commands makes one issuance.
 */

export const cacheMarginMs = 5 * 60 * 1000;

export type IssuedCredentials = {
  accessKeyId: string;
  secretAccessKey: string;
  sessionToken: string;
  expiration: string;
  accountId: string;
  accountName: string;
  roleName: string;
  roleArn?: string;
  assumedRoleArn?: string;
  durationSeconds?: number;
  region?: string;
};

/** `write`: write access asked for on a read-only-first role, cached apart from read-only sessions. */
export type CacheKey = { url: string; account: string; role: string; duration?: number; write?: boolean };

/** The file name for a key: a hash, so nothing about the role is readable from the name. */
export function buildCacheFileName(key: CacheKey): string {
  const material = JSON.stringify([
    key.url,
    key.account.toLowerCase(),
    key.role,
    key.duration ?? "default",
    ...(key.write ? ["write"] : []),
  ]);
  return `${createHash("sha256").update(material).digest("hex").slice(0, 32)}.json`;
}

/** Whether cached credentials may still be handed out: complete and at least 5 minutes from expiry. */
export function isCacheUsable(entry: unknown, now: number): entry is IssuedCredentials {
  if (!entry || typeof entry !== "object") return false;
  const c = entry as Partial<IssuedCredentials>;
  if (![c.accessKeyId, c.secretAccessKey, c.sessionToken, c.expiration].every((v) => typeof v === "string" && v))
    return false;
  const expires = Date.parse(c.expiration!);
  return Number.isFinite(expires) && expires - now > cacheMarginMs;
}

export function readCachedCredentials(key: CacheKey, now = Date.now()): IssuedCredentials | undefined {
  const text = readOptionalFile(path.join(cacheDir(), buildCacheFileName(key)));
  if (!text) return undefined;
  try {
    const entry: unknown = JSON.parse(text);
    return isCacheUsable(entry, now) ? entry : undefined;
  } catch {
    return undefined;
  }
}

export function writeCachedCredentials(key: CacheKey, credentials: IssuedCredentials): void {
  writePrivateFile(path.join(cacheDir(), buildCacheFileName(key)), JSON.stringify(credentials));
}

/** Forgets every cached credential (logout, login as someone else). */
export function clearCredentialCache(): void {
  removeFile(cacheDir());
}
