import { TERMINAL_TOKEN_PREFIX } from "@/lib/sessions/session-secret";

/**
 * The terminal token in an `Authorization: Bearer airlock_...` header: undefined when the request
 * carries no bearer credentials at all (then the cookie decides), null when it carries one that
 * cannot be a terminal token. Other schemes (a proxy's Basic credentials) are not Airlock's.
 */
export function parseBearerToken(header: string | null): string | null | undefined {
  if (header === null) return undefined;
  const match = /^\s*bearer\s+(\S*)\s*$/i.exec(header);
  if (!match) return /^\s*bearer\b/i.test(header) ? null : undefined;
  const token = match[1];
  return token.startsWith(TERMINAL_TOKEN_PREFIX) ? token.slice(TERMINAL_TOKEN_PREFIX.length) : null;
}
