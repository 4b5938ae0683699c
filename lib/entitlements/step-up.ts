import { buildRefreshPath, idpKindOf } from "@/lib/auth/refresh-path";
import type { Entitlement } from "@/lib/entitlements/entitlement";
import { AppError } from "@/lib/errors";

/**
 * The step-up guardrail: a role may require that the person authenticated at their IdP within the
 * last N minutes (as the IdP said: OIDC `auth_time`, SAML AuthnInstant), not merely that their
 * Airlock session is alive. Pure.
 */

/** Minutes since the IdP authentication, rounded down; null when the IdP never said. */
export function minutesSince(at: Date | null | undefined, now: Date): number | null {
  return at ? Math.max(0, Math.floor((now.getTime() - at.getTime()) / 60_000)) : null;
}

/** Whether an IdP authentication at `at` satisfies a step-up window of `stepUpMinutes` at `now`. */
export function isRecentEnough({
  stepUpMinutes,
  at,
  now,
}: {
  stepUpMinutes: number | null;
  at: Date | null | undefined;
  now: Date;
}): boolean {
  if (stepUpMinutes === null) return true;
  return Boolean(at) && now.getTime() - at!.getTime() <= stepUpMinutes * 60_000;
}

/**
 * Throws `step_up_required` (401) when the role's step-up window has passed since the person last
 * authenticated at the IdP. `refreshUrl` is the page that sends them through the IdP again with a
 * forced authentication (OIDC `prompt=login&max_age=0`, SAML ForceAuthn); a terminal cannot
 * authenticate at the IdP itself, so its person does that in the browser, which their terminals
 * from the same IdP then count (refreshTerminalGroups).
 */
export function assertRecentAuthentication({
  entitlement,
  idp,
  idpAuthenticatedAt,
  terminal = false,
  airlockUrl,
  now,
}: {
  entitlement: Pick<Entitlement, "stepUpMinutes" | "roleName" | "account">;
  /** The session's IdP: "oidc:<issuer>" or "saml:<entity id>". */
  idp: string;
  idpAuthenticatedAt: Date | null | undefined;
  terminal?: boolean;
  airlockUrl: string;
  now: Date;
}): void {
  const { stepUpMinutes } = entitlement;
  if (isRecentEnough({ stepUpMinutes, at: idpAuthenticatedAt, now })) return;
  const ago = minutesSince(idpAuthenticatedAt, now);
  const refreshUrl = buildRefreshPath({ idp: idpKindOf(idp), callbackUrl: "/", fresh: true });
  const why =
    `${entitlement.account.name} / ${entitlement.roleName} needs a sign-in at your identity provider within the last ` +
    `${stepUpMinutes} minutes` +
    (ago === null
      ? " (your identity provider did not say when you last signed in)."
      : ` (yours was ${ago === stepUpMinutes ? "more than " : ""}${ago} minutes ago).`);
  throw new AppError(
    "step_up_required",
    terminal ? `${why} Sign in again in your browser at ${airlockUrl}${refreshUrl}, then try again.` : why,
    {
      reason: "step_up_required",
      refreshUrl,
      stepUpMinutes,
      accountId: entitlement.account.id,
      roleName: entitlement.roleName,
    },
  );
}
