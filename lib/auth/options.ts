import "server-only";
import type { NextAuthOptions, User } from "next-auth";
import CredentialsProvider from "next-auth/providers/credentials";
import { cookies } from "next/headers";
import type { OAuthConfig } from "next-auth/providers/oauth";
import { recordAuditEvent } from "@/lib/audit/record";
import { describeAuthError } from "@/lib/auth/auth-error-details";
import { buildIdentity, isEmailVerified, type VerifiedIdentity } from "@/lib/auth/identity";
import { readIdpAuthTime, readIdTokenAuthTime } from "@/lib/auth/idp-auth-time";
import { consumeLoginTicket, findLoginTicket } from "@/lib/auth/login-ticket";
import { buildOidcProfileRequest, buildOidcTokenRequest, readGroupsClaimStatus } from "@/lib/auth/oidc-callback";
import { noteMissingGroupsClaim } from "@/lib/auth/oidc-groups-claim";
import { isOidcRefusal } from "@/lib/auth/oidc-sign-in-error";
import { readPassiveFlow, usesSecureCookies } from "@/lib/auth/oidc-passive";
import { resolveAuthRedirect } from "@/lib/auth/redirects";
import { getSessionSecret } from "@/lib/auth/secret";
import { openBrowserSession } from "@/lib/auth/open-browser-session";
import { getSessionUser } from "@/lib/auth/session";
import { buildSwitchAccountError } from "@/lib/auth/switch-account";
import { recordSignIn, type SignedInUser } from "@/lib/auth/users";
import { isDatabaseUnavailable } from "@/lib/db/errors";
import { getDb } from "@/lib/db/client";
import { getEnv, type Env } from "@/lib/env";
import { SAML_TICKET_PROVIDER } from "@/lib/auth/provider-ids";
import { log } from "@/lib/log";
import { readBrowserNonce } from "@/lib/saml/browser-binding";
import { findActiveSession } from "@/lib/sessions/find-session";
import type { IdpLogout } from "@/lib/sessions/idp-logout";
import { revokeSessions } from "@/lib/sessions/revoke-sessions";
import { hashSessionSecret, isSessionSecret } from "@/lib/sessions/session-secret";

/** next-auth, configured once. OIDC through discovery; SAML arrives as a one-time login ticket. */

function auditSignIn(event: {
  outcome: "success" | "failure" | "denied";
  reason?: string;
  method: string;
  actor?: string;
  userId?: string;
  details?: Record<string, unknown>;
}): Promise<string> {
  return recordAuditEvent({
    db: getDb(),
    event: {
      action: "signin",
      outcome: event.outcome,
      reason: event.reason,
      actor: event.actor,
      userId: event.userId,
      details: { method: event.method, ...event.details },
    },
  });
}

function toUser(user: SignedInUser, idp: string): User {
  const { id, email, name, username, groups, isSuspended } = user;
  return { id, email, name, username, groups, idp, isSuspended };
}

function buildOidcProvider(env: Env): OAuthConfig<Record<string, unknown>> | undefined {
  const issuer = env.AIRLOCK_OIDC_ISSUER?.replace(/\/+$/, "");
  if (!issuer || !env.AIRLOCK_OIDC_CLIENT_ID || !env.AIRLOCK_OIDC_CLIENT_SECRET) return undefined;
  return {
    id: "oidc",
    name: env.AIRLOCK_OIDC_NAME,
    type: "oauth",
    wellKnown: `${issuer}/.well-known/openid-configuration`,
    clientId: env.AIRLOCK_OIDC_CLIENT_ID,
    clientSecret: env.AIRLOCK_OIDC_CLIENT_SECRET,
    idToken: true,
    // next-auth v4 checks only state unless told otherwise.
    checks: ["pkce", "state", "nonce"],
    // max_age makes the OP report auth_time (OpenID Connect Core 3.1.2.1), which step-up guardrails
    // read, and never lets a sign-in rest on an IdP authentication older than Airlock's own session
    // lifetime. A step-up sends max_age=0 (components/idp-round-trip.tsx).
    authorization: { params: { scope: env.AIRLOCK_OIDC_SCOPES, max_age: env.AIRLOCK_SESSION_MAX_AGE } },
    // Accepts the ID token algorithms allowed by AIRLOCK_OIDC_ID_TOKEN_ALG or the OP's discovery.
    token: { request: buildOidcTokenRequest(env.AIRLOCK_OIDC_ID_TOKEN_ALG) },
    // Claims from the ID token, completed from userinfo when it lacks any Airlock reads.
    userinfo: { request: buildOidcProfileRequest(env.AIRLOCK_OIDC_GROUPS_CLAIM) },
    profile: (claims) => ({
      id: String(claims.sub ?? ""),
      email: typeof claims.email === "string" ? claims.email : null,
    }),
  };
}

function buildOidcLogout(profile: { sub?: string } | undefined, idToken: string | undefined): IdpLogout | undefined {
  const claims = profile as Record<string, unknown> | undefined;
  const sub = typeof claims?.sub === "string" ? claims.sub : undefined;
  if (!sub) return undefined;
  return { protocol: "oidc", sub, sid: typeof claims?.sid === "string" ? claims.sid : undefined, idToken };
}

async function refuseInvalidTicket(): Promise<null> {
  await auditSignIn({ outcome: "failure", reason: "saml_ticket_invalid", method: "saml" });
  return null;
}

const samlTicketProvider = CredentialsProvider({
  id: SAML_TICKET_PROVIDER,
  name: "SAML",
  credentials: { ticket: { type: "text" }, switchAccount: { type: "text" } },
  async authorize(credentials, req) {
    const db = getDb();
    const ticket = credentials?.ticket ?? "";
    const found = await findLoginTicket({ db, ticket, browserNonce: readBrowserNonce(req.headers?.cookie) });
    if (found.status === "other_browser") {
      // A login CSRF attempt or a link copied between browsers: record whose ticket it was.
      await auditSignIn({
        outcome: "failure",
        reason: "saml_ticket_other_browser",
        method: "saml",
        details: { ticketEmail: found.email },
      });
      throw new Error("SamlTicketOtherBrowser");
    }
    if (found.status === "invalid") return refuseInvalidTicket();
    const { identity } = found;
    const current = await getSessionUser();
    const isSwitch = current !== null && (current.idp !== identity.idp || current.email !== identity.email);
    // Left unused, so the person can confirm with the same ticket.
    if (isSwitch && credentials?.switchAccount !== "true") throw new Error(buildSwitchAccountError(identity.email));
    if (!(await consumeLoginTicket({ db, ticket }))) return refuseInvalidTicket();
    // The ACS recorded the user and the audit event when it accepted the assertion.
    return {
      ...toUser(await recordSignIn({ db, identity }), identity.idp),
      passive: found.passive,
      idpLogout: found.logout,
      idpAuthenticatedAt: found.idpAuthenticatedAt,
    };
  },
});

/**
 * Whether a completed IdP sign-in may open or refresh a session. A suspended person gets none
 * until an admin lifts it. A passive answer (no user interaction) only refreshes the groups of
 * this browser's live session of the same person: it never opens a session, revives one that
 * ended (expired, idle, revoked) or switches the browser to whoever the IdP is signed in as.
 */
async function checkSignIn(user: User): Promise<true | string> {
  const deny = async (reason: string, details?: Record<string, unknown>) => {
    await auditSignIn({
      outcome: "denied",
      reason,
      method: "any",
      actor: user.email ?? undefined,
      userId: user.id,
      details,
    });
    return `/signin/error?reason=${reason}`;
  };
  if (user.passive) {
    const current = await getSessionUser();
    if (!current) return "/signin";
    if (current.id !== user.id) return deny("passive_other_person", { sessionOf: current.email });
  }
  return user.isSuspended ? deny("suspended") : true;
}

const SESSION_ENDED = "session_ended";

let cachedOptions: NextAuthOptions | undefined;

/** The options, built once per process (they depend only on the configuration). */
export function getAuthOptions(): NextAuthOptions {
  cachedOptions ??= buildAuthOptions();
  return cachedOptions;
}

function buildAuthOptions(): NextAuthOptions {
  const env = getEnv();
  // next-auth derives callback URLs from NEXTAUTH_URL; Airlock's public URL is the one that counts.
  process.env.NEXTAUTH_URL = env.AIRLOCK_URL;
  const oidc = buildOidcProvider(env);
  return {
    secret: getSessionSecret(),
    providers: [...(oidc ? [oidc] : []), samlTicketProvider],
    session: { strategy: "jwt", maxAge: env.AIRLOCK_SESSION_MAX_AGE },
    jwt: { maxAge: env.AIRLOCK_SESSION_MAX_AGE },
    useSecureCookies: usesSecureCookies(env.AIRLOCK_URL),
    pages: { signIn: "/signin", error: "/signin/error" },
    callbacks: {
      async signIn({ user, account, profile }) {
        if (account?.provider !== "oidc") return checkSignIn(user);
        // The IdP's subject and session (`sid`) and the raw ID token: single logout names them.
        user.idpLogout = buildOidcLogout(profile, account.id_token);
        const claims = profile as Record<string, unknown> | undefined;
        if (!isEmailVerified(claims?.email_verified, { required: env.AIRLOCK_OIDC_REQUIRE_EMAIL_VERIFIED })) {
          // The unverified address is not recorded anywhere: the subject identifies the attempt.
          await auditSignIn({
            outcome: "failure",
            reason: "oidc_email_unverified",
            method: "oidc",
            details: { subject: profile?.sub, emailVerified: claims?.email_verified ?? null },
          });
          return "/signin/error?error=EmailUnverified";
        }
        let identity: VerifiedIdentity;
        try {
          identity = buildIdentity({
            idp: `oidc:${env.AIRLOCK_OIDC_ISSUER}`,
            claims: {
              subject: profile?.sub,
              email: profile?.email,
              name: profile?.name,
              username: claims?.preferred_username,
            },
            groups: claims?.[env.AIRLOCK_OIDC_GROUPS_CLAIM],
          });
        } catch (error) {
          await auditSignIn({
            outcome: "failure",
            reason: "oidc_claims_invalid",
            method: "oidc",
            actor: profile?.email ?? undefined,
            details: { message: (error as Error).message },
          });
          return "/signin/error?error=ClaimsInvalid";
        }
        try {
          const auditDetails = await noteMissingGroupsClaim({
            db: getDb(),
            status: readGroupsClaimStatus(profile),
            idp: identity.idp,
            subject: identity.subject,
          });
          const recorded = await recordSignIn({ db: getDb(), identity });
          Object.assign(user, toUser(recorded, identity.idp), {
            passive: Boolean(readPassiveFlow(await cookies())),
            auditDetails,
            // Present whenever Airlock asked with max_age (always), by OpenID Connect Core 3.1.2.1.
            idpAuthenticatedAt: readIdpAuthTime({ seconds: readIdTokenAuthTime(account.id_token), now: new Date() }),
          });
          return checkSignIn(user);
        } catch (error) {
          if (!isDatabaseUnavailable(error)) throw error;
          log.error("database_unavailable", { error });
          return "/signin/error?reason=database_unavailable";
        }
      },
      async jwt({ token, user }) {
        if (!user) {
          // GET /api/auth/session: next-auth re-issues the cookie, so it must still name a live
          // session row; throwing makes next-auth clear the cookie and answer no session.
          if (!(await findActiveSession({ db: getDb(), secret: token.sid }))) throw new Error(SESSION_ENDED);
          return token;
        }
        // The cookie names the session and carries display fields only; groups and admin rights
        // are read from the session row on every request.
        return {
          sid: await openBrowserSession(user),
          uid: user.id,
          email: user.email,
          name: user.name,
          username: user.username,
          idp: user.idp,
        };
      },
      async session({ session, token }) {
        // Display only (what next-auth's client may ask for); guards never read this.
        session.user = {
          id: token.uid ?? "",
          email: token.email ?? "",
          name: token.name ?? null,
          username: token.username ?? "",
          idp: token.idp ?? "",
        };
        return session;
      },
      redirect: ({ url, baseUrl }) => resolveAuthRedirect({ url, baseUrl }),
    },
    events: {
      async signIn({ user, account }) {
        await auditSignIn({
          outcome: "success",
          method: account?.provider === "oidc" ? "oidc" : "saml",
          actor: user.email ?? undefined,
          userId: user.id,
          details: {
            idp: user.idp,
            groups: user.groups,
            ...(user.passive && { passive: true }),
            ...user.auditDetails,
          },
        });
      },
      async signOut({ token }) {
        if (!token?.uid || !isSessionSecret(token.sid)) return;
        await revokeSessions({
          db: getDb(),
          userId: token.uid,
          only: hashSessionSecret(token.sid),
          by: { id: token.uid, email: token.email ?? "" },
          reason: "signed out",
        });
      },
    },
    logger: {
      error(code, metadata) {
        if (code === "JWT_SESSION_ERROR" && (metadata as { message?: string } | undefined)?.message === SESSION_ENDED)
          return;
        // next-auth passes an object (`{ error, providerId }`): log its cause, never the object.
        const cause = describeAuthError(metadata);
        log.error("auth_error", { code, ...cause });
        if (
          code === "OAUTH_CALLBACK_ERROR" ||
          code === "OAUTH_CALLBACK_HANDLER_ERROR" ||
          code === "SIGNIN_OAUTH_ERROR"
        ) {
          void auditSignIn({
            outcome: "failure",
            reason: isOidcRefusal(cause.causeCode) ? cause.causeCode : code.toLowerCase(),
            method: "oidc",
            details: cause,
          }).catch(() => undefined);
        }
      },
      warn(code) {
        log.warn("auth_warning", { code });
      },
      debug() {},
    },
  };
}
