import { randomBytes, randomUUID } from "node:crypto";

/** Credentials the emulator issued, in memory only, as STS keeps them. */
export type IssuedSession = {
  accessKeyId: string;
  secretAccessKey: string;
  sessionToken: string;
  /** When STS issued the credentials: the aws:TokenIssueTime of every request made with them. */
  issuedAt: Date;
  expiration: Date;
  accountId: string;
  roleName: string;
  roleId: string;
  assumedRoleArn: string;
  sessionName: string;
  sourceIdentity?: string;
  tags: Record<string, string>;
  /** Session policies (PolicyArns): the session may do only what one of them allows as well. */
  policyArns: string[];
  issuer: string;
  subject: string;
};

const alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
export function randomKeyId(prefix: string): string {
  return prefix + Array.from(randomBytes(16), (b) => alphabet[b % 32]).join("");
}

export class SessionStore {
  private byKey = new Map<string, IssuedSession>();
  private signinTokens = new Map<string, { session: IssuedSession; expires: number; consoleExpires: number }>();
  readonly consoleSessions = new Map<string, { session: IssuedSession; destination: string; expires: number }>();

  issue(fields: Omit<IssuedSession, "accessKeyId" | "secretAccessKey" | "sessionToken" | "issuedAt">): IssuedSession {
    const session: IssuedSession = {
      ...fields,
      issuedAt: new Date(),
      accessKeyId: randomKeyId("ASIA"),
      secretAccessKey: randomBytes(30).toString("base64"),
      sessionToken: randomBytes(96).toString("base64"),
    };
    this.byKey.set(session.accessKeyId, session);
    return session;
  }

  find(accessKeyId: string): IssuedSession | undefined {
    return this.byKey.get(accessKeyId);
  }

  createSigninToken(session: IssuedSession, consoleSeconds: number): string {
    const token = randomBytes(48).toString("base64url");
    this.signinTokens.set(token, {
      session,
      expires: Date.now() + 15 * 60 * 1000,
      consoleExpires: Date.now() + consoleSeconds * 1000,
    });
    return token;
  }

  /** Sign-in tokens work once and for 15 minutes. */
  redeemSigninToken(token: string): { session: IssuedSession; consoleExpires: number } | undefined {
    const entry = this.signinTokens.get(token);
    this.signinTokens.delete(token);
    return entry && entry.expires > Date.now() ? entry : undefined;
  }

  openConsole(session: IssuedSession, destination: string, expires: number): string {
    const id = randomUUID();
    this.consoleSessions.set(id, { session, destination, expires });
    return id;
  }
}
