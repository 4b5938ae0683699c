import { createHash, randomBytes } from "node:crypto";

/**
 * A session is named by a random 256-bit secret that only the browser's encrypted cookie or the
 * terminal's bearer token carries; the database keeps its SHA-256, so a database reader cannot
 * use a session.
 */

/** Terminal tokens carry a prefix, so secret scanners recognise a leaked one. */
export const TERMINAL_TOKEN_PREFIX = "airlock_";

export function newSessionSecret(): string {
  return randomBytes(32).toString("base64url");
}

export function hashSessionSecret(secret: string): string {
  return createHash("sha256").update(secret).digest("hex");
}

export function isSessionSecret(value: unknown): value is string {
  return typeof value === "string" && /^[\w-]{43}$/.test(value);
}
