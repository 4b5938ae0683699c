import "server-only";
import type { NextAuthOptions, User } from "next-auth";
import CredentialsProvider from "next-auth/providers/credentials";
import { cookies } from "next/headers";
import type { OAuthConfig } from "next-auth/providers/oauth";
import { recordAuditEvent } from "@/lib/audit/record";
import { buildIdentity, type VerifiedIdentity } from "@/lib/auth/identity";
import { redeemLoginTicket } from "@/lib/auth/login-ticket";
import { readPassiveFlow, usesSecureCookies } from "@/lib/auth/oidc-passive";
import { resolveAuthRedirect } from "@/lib/auth/redirects";
import { getSessionSecret } from "@/lib/auth/secret";
import { recordSignIn } from "@/lib/auth/users";
import { isDatabaseUnavailable } from "@/lib/db/errors";
import { getDb } from "@/lib/db/client";
import { getEnv, type Env } from "@/lib/env";
import { SAML_TICKET_PROVIDER } from "@/lib/auth/provider-ids";
import { log } from "@/lib/log";

/** next-auth, configured once. OIDC through discovery; SAML arrives as a one-time login ticket. */

function auditSignIn(event: {
  outcome: "success" | "failure";
  reason?: string;
  method: string;
  actor?: string;
  userId?: string;
  details?: Record<string, unknown>;
}): Promise<void> {
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

function toUser(
  user: { id: string; email: string; name: string | null; username: string; groups: string[] },
  idp: string,
): User {
  return { id: user.id, email: user.email, name: user.name, username: user.username, groups: user.groups, idp };
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
    authorization: { params: { scope: env.AIRLOCK_OIDC_SCOPES } },
    profile: (claims) => ({
      id: String(claims.sub ?? ""),
      email: typeof claims.email === "string" ? claims.email : null,
    }),
  };
}

const samlTicketProvider = CredentialsProvider({
  id: SAML_TICKET_PROVIDER,
  name: "SAML",
  credentials: { ticket: { type: "text" } },
  async authorize(credentials) {
    const identity = await redeemLoginTicket({ db: getDb(), ticket: credentials?.ticket });
    if (!identity) {
      await auditSignIn({ outcome: "failure", reason: "saml_ticket_invalid", method: "saml" });
      return null;
    }
    // The ACS recorded the user and the audit event when it accepted the assertion.
    const user = await recordSignIn({ db: getDb(), identity });
    return { ...toUser(user, identity.idp), passive: identity.passive };
  },
});

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
        if (account?.provider !== "oidc") return true;
        let identity: VerifiedIdentity;
        try {
          identity = buildIdentity({
            idp: `oidc:${env.AIRLOCK_OIDC_ISSUER}`,
            claims: {
              subject: profile?.sub,
              email: profile?.email,
              name: profile?.name,
              username: (profile as Record<string, unknown> | undefined)?.preferred_username,
            },
            groups: (profile as Record<string, unknown> | undefined)?.[env.AIRLOCK_OIDC_GROUPS_CLAIM],
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
          const recorded = await recordSignIn({ db: getDb(), identity });
          Object.assign(user, toUser(recorded, identity.idp), { passive: Boolean(readPassiveFlow(await cookies())) });
          return true;
        } catch (error) {
          if (!isDatabaseUnavailable(error)) throw error;
          log.error("database_unavailable", { error });
          return "/signin/error?reason=database_unavailable";
        }
      },
      async jwt({ token, user }) {
        if (user) {
          return {
            ...token,
            uid: user.id,
            email: user.email,
            name: user.name,
            username: user.username,
            groups: user.groups ?? [],
            idp: user.idp,
            authTime: Math.floor(Date.now() / 1000),
          };
        }
        return token;
      },
      async session({ session, token }) {
        session.user = {
          id: token.uid ?? "",
          email: token.email ?? "",
          name: token.name ?? null,
          username: token.username ?? "",
          groups: token.groups ?? [],
          idp: token.idp ?? "",
          authenticatedAt: token.authTime ?? 0,
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
          details: { idp: user.idp, groups: user.groups, ...(user.passive && { passive: true }) },
        });
      },
      async signOut({ token }) {
        await recordAuditEvent({
          db: getDb(),
          event: { action: "signout", outcome: "success", actor: token?.email ?? undefined, userId: token?.uid },
        });
      },
    },
    logger: {
      error(code, metadata) {
        log.error("auth_error", {
          code,
          message: (metadata as { message?: string } | undefined)?.message ?? String(metadata),
        });
        if (
          code === "OAUTH_CALLBACK_ERROR" ||
          code === "OAUTH_CALLBACK_HANDLER_ERROR" ||
          code === "SIGNIN_OAUTH_ERROR"
        ) {
          const message =
            (metadata as { error?: { message?: string }; message?: string } | undefined)?.error?.message ??
            (metadata as { message?: string } | undefined)?.message;
          void auditSignIn({
            outcome: "failure",
            reason: code.toLowerCase(),
            method: "oidc",
            details: { message },
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
