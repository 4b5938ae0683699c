import "next-auth";
import "next-auth/jwt";

declare module "next-auth" {
  interface User {
    username?: string;
    groups?: string[];
    idp?: string;
    /** The sign-in answered a passive IdP round trip (prompt=none / IsPassive): a group refresh. */
    passive?: boolean;
    isSuspended?: boolean;
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
