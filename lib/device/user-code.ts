import { createHash, randomBytes, randomInt } from "node:crypto";

/**
 * The codes of the device flow (RFC 8628). The user code is what a person reads off their terminal
 * and types on /device: 8 characters from RFC 8628 §6.1's consonant alphabet (no vowels, so no
 * words; no digits, so no 0/O or 1/I confusion), shown as XXXX-XXXX. 20^8 ≈ 2.6e10 codes, and
 * entry on /device is rate-limited, so guessing a live code is out of reach.
 */

export const USER_CODE_ALPHABET = "BCDFGHJKLMNPQRSTVWXZ";
export const USER_CODE_LENGTH = 8;

/** A new random user code, formatted XXXX-XXXX. `pick` is injectable for tests. */
export function generateUserCode(pick: (max: number) => number = randomInt): string {
  let code = "";
  for (let i = 0; i < USER_CODE_LENGTH; i++) code += USER_CODE_ALPHABET[pick(USER_CODE_ALPHABET.length)];
  return formatUserCode(code);
}

/** XXXXXXXX as XXXX-XXXX. */
export function formatUserCode(code: string): string {
  return `${code.slice(0, 4)}-${code.slice(4)}`;
}

/**
 * A typed user code as stored: upper case, without dashes or whitespace (people type "bcdf ghjk"
 * or paste "BCDF-GHJK"). Null when what remains cannot be a user code at all.
 */
export function normalizeUserCode(input: string): string | null {
  if (input.length > 64) return null;
  const code = input.toUpperCase().replace(/[\s\-‐‑–—]/g, "");
  if (code.length !== USER_CODE_LENGTH) return null;
  for (const c of code) if (!USER_CODE_ALPHABET.includes(c)) return null;
  return code;
}

/** A new device code: 256 random bits, which only the terminal holds. */
export function generateDeviceCode(): string {
  return randomBytes(32).toString("base64url");
}

/** How a code is stored: its SHA-256 (hex). The user code is hashed in its normalised form. */
export function hashCode(code: string): string {
  return createHash("sha256").update(code).digest("hex");
}
