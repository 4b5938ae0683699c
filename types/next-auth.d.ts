import "next-auth";
import "next-auth/jwt";

declare module "next-auth" {
  interface User {
    username?: string;
    groups?: string[];
    idp?: string;
    /** The sign-in answered a passive IdP round trip (prompt=none / IsPassive): a group refresh. */
    passive?: boolean;
  }
  interface Session {
    user: {
      id: string;
      email: string;
      name: string | null;
      username: string;
      groups: string[];
      idp: string;
      authenticatedAt: number;
    };
  }
}

declare module "next-auth/jwt" {
  interface JWT {
    uid?: string;
    username?: string;
    groups?: string[];
    idp?: string;
    authTime?: number;
  }
}
