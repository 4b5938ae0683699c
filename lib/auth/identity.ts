import { z } from "zod";

/** What an IdP told Airlock about a person, validated. Pure. */
export type VerifiedIdentity = {
  /** "oidc:<issuer>" or "saml:<entity id>": users are keyed by (idp, subject). */
  idp: string;
  subject: string;
  email: string;
  name: string | null;
  username: string;
  groups: string[];
};

const groupSchema = z.string().trim().min(1).max(256);

/** Groups from a claim or attribute: an array of strings, or one string (comma-separated). */
export function parseGroups(value: unknown): string[] {
  let list: unknown[] = [];
  if (Array.isArray(value)) list = value;
  else if (typeof value === "string") list = value.split(",");
  const groups = list.flatMap((g) => {
    const parsed = groupSchema.safeParse(g);
    return parsed.success ? [parsed.data] : [];
  });
  return [...new Set(groups)].slice(0, 1000);
}

export const identityClaimsSchema = z.object({
  subject: z.string().trim().min(1, "the IdP sent no subject").max(512),
  email: z.email("the IdP sent no valid email address").max(320),
  name: z.string().trim().max(200).nullish(),
  username: z.string().trim().max(200).nullish(),
});

/** A short login name: the IdP's username, or the email's local part. */
export function deriveUsername(email: string, username?: string | null): string {
  const candidate = username?.includes("@") ? username.split("@")[0] : username;
  return candidate?.trim() || email.split("@")[0];
}

export function buildIdentity({
  idp,
  claims,
  groups,
}: {
  idp: string;
  claims: unknown;
  groups: unknown;
}): VerifiedIdentity {
  const parsed = identityClaimsSchema.parse(claims);
  return {
    idp,
    subject: parsed.subject,
    email: parsed.email.toLowerCase(),
    name: parsed.name ?? null,
    username: deriveUsername(parsed.email, parsed.username),
    groups: parseGroups(groups),
  };
}

/**
 * Whether an OIDC `email_verified` claim lets Airlock name the person by their email. Strict: the
 * claim must be exactly true. Lenient (for IdPs that never send it): only an explicit false is refused.
 */
export function isEmailVerified(claim: unknown, { required }: { required: boolean }): boolean {
  return required ? claim === true : claim !== false;
}

export function isAdminOf(groups: string[], adminGroups: string[]): boolean {
  return groups.some((g) => adminGroups.includes(g));
}
