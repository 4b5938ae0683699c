import "next-auth";
import type { IdpLogout } from "@/lib/sessions/idp-logout";
import "next-auth/jwt";

declare module "next-auth" {
  interface User {
    username?: string;
    groups?: string[];
    idp?: string;
    /** The sign-in answered a passive IdP round trip (prompt=none / IsPassive): a group refresh. */
    passive?: boolean;
    isSuspended?: boolean;
    /** Facts about this sign-in that its audit row records (such as a missing groups claim). */
    auditDetails?: Record<string, unknown>;
    /** What ending this sign-in at the IdP needs (single logout); the session row keeps it. */
    idpLogout?: IdpLogout;
    /** When the person authenticated at the IdP, as it said (OIDC auth_time, SAML AuthnInstant). */
    idpAuthenticatedAt?: Date | null;
  }
  interface Session {
    user: {
      id: string;
      email: string;
      name: string | null;
      username: string;
      idp: string;
    };
  }
}

declare module "next-auth/jwt" {
  interface JWT {
    /** The session's secret: the row in the Session table, not this cookie, grants access. */
    sid?: string;
    uid?: string;
    username?: string;
    idp?: string;
  }
}
