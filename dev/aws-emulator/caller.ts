import type { IssuedSession, SessionStore } from "./sessions";
import { parseAuthorization, verifySigV4, type SigV4Request } from "./sigv4";
import type { EmulatorState } from "./state";
import { StsError } from "./sts-error";

/**
 * Who signed a request: credentials the emulator's STS issued (a role session), or an account's
 * admin key. The admin keys stand in for an AWS administrator's own credentials, so that Airlock's
 * generated `aws iam …-role-policy` commands run unchanged against the emulator. They are fixed,
 * published demo values (printed at start-up, listed in the README), one access key per account.
 */
export const ADMIN_SECRET_ACCESS_KEY = "AirlockEmulatorAdminDemoSecretKeyEXAMPLE";
export const adminAccessKeyIdFor = (accountId: string) => `AKIA${accountId}ADMN`;

export type Caller = { accountId: string; arn: string; userId: string } & (
  { kind: "session"; session: IssuedSession } | { kind: "admin" }
);

export function listAccountIds(state: EmulatorState): string[] {
  return [...new Set([...state.providers, ...state.roles].map((entry) => entry.accountId))].sort();
}

const invalidToken = () =>
  new StsError("InvalidClientTokenId", "The security token included in the request is invalid.", 403);

/** Checks the request's SigV4 signature and says whose credentials made it, as AWS does before any action. */
export function authenticateCaller(request: SigV4Request, state: EmulatorState, store: SessionStore): Caller {
  const { accessKeyId } = parseAuthorization(request.headers.authorization as string | undefined);
  const token = request.headers["x-amz-security-token"];
  const adminAccount = /^AKIA(\d{12})ADMN$/.exec(accessKeyId)?.[1];
  if (adminAccount && listAccountIds(state).includes(adminAccount)) {
    // Long-term keys carry no session token.
    if (token !== undefined) throw invalidToken();
    verifySigV4(request, ADMIN_SECRET_ACCESS_KEY);
    return {
      kind: "admin",
      accountId: adminAccount,
      arn: `arn:${state.partition ?? "aws"}:iam::${adminAccount}:user/emulator-admin`,
      userId: `AIDA${adminAccount}ADMIN`,
    };
  }
  const session = store.find(accessKeyId);
  if (!session || token !== session.sessionToken) throw invalidToken();
  if (session.expiration.getTime() <= Date.now())
    throw new StsError("ExpiredToken", "The security token included in the request is expired", 403);
  verifySigV4(request, session.secretAccessKey);
  return {
    kind: "session",
    session,
    accountId: session.accountId,
    arn: session.assumedRoleArn,
    userId: `${session.roleId}:${session.sessionName}`,
  };
}
