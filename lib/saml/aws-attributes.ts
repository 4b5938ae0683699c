/**
 * Normalising values to what AWS accepts in the SAML attributes it reads. Pure.
 * RoleSessionName and SourceIdentity: 2-64 of [\w+=,.@-]; SourceIdentity may not start with "aws:".
 * Session tags: at most 50; keys 1-128 and values 0-256 of [\p{L}\p{Z}\p{N}_.:/=+\-@].
 */

const sessionNameDisallowed = /[^\w+=,.@-]/g;

function normaliseIdentifier(value: string, fallback: string): string {
  const cleaned = value
    .normalize("NFKD")
    .replace(/[\u0300-\u036f]/g, "")
    .replace(sessionNameDisallowed, "-")
    .slice(0, 64);
  if (cleaned.replace(/-/g, "").length >= 1 && cleaned.length >= 2) return cleaned;
  return normaliseIdentifier(fallback, "airlock-user");
}

/** The employee's email as RoleSessionName (it names the session in CloudTrail). */
export function normaliseRoleSessionName(email: string, fallback = "airlock-user"): string {
  return normaliseIdentifier(email, fallback);
}

/** The employee's username as SourceIdentity. */
export function normaliseSourceIdentity(username: string, fallback = "airlock-user"): string {
  const value = normaliseIdentifier(username, fallback);
  return /^aws:/i.test(value) ? `u-${value}`.slice(0, 64) : value;
}

const tagDisallowed = /[^\p{L}\p{Z}\p{N}_.:/=+\-@]/gu;
export const MAX_SESSION_TAGS = 50;

export type SessionTag = { key: string; value: string };

/** Sanitised, de-duplicated (case-insensitively, first wins) and capped session tags. */
export function normaliseSessionTags(tags: SessionTag[]): SessionTag[] {
  const seen = new Set<string>();
  const out: SessionTag[] = [];
  for (const tag of tags) {
    const key = tag.key.replace(tagDisallowed, "_").slice(0, 128);
    if (!key || key.toLowerCase().startsWith("aws:") || seen.has(key.toLowerCase())) continue;
    seen.add(key.toLowerCase());
    out.push({ key, value: tag.value.replace(tagDisallowed, "_").slice(0, 256) });
    if (out.length === MAX_SESSION_TAGS) break;
  }
  return out;
}
