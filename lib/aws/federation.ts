import "server-only";
import type { TemporaryCredentials } from "@/lib/aws/credential-formats";
import { AppError } from "@/lib/errors";

/**
 * AWS console sign-in through the federation endpoint: trade temporary credentials for a sign-in
 * token, then build the login URL. The URL is a bearer secret for 15 minutes: it is only ever
 * handed to the browser as a redirect, never logged or stored.
 */

export async function getSigninToken({
  federationEndpoint,
  credentials,
  sessionDurationSeconds,
}: {
  federationEndpoint: string;
  credentials: TemporaryCredentials;
  sessionDurationSeconds: number;
}): Promise<string> {
  const session = JSON.stringify({
    sessionId: credentials.accessKeyId,
    sessionKey: credentials.secretAccessKey,
    sessionToken: credentials.sessionToken,
  });
  const url = new URL(federationEndpoint);
  url.searchParams.set("Action", "getSigninToken");
  url.searchParams.set("SessionDuration", String(sessionDurationSeconds));
  url.searchParams.set("Session", session);
  let response: Response;
  try {
    response = await fetch(url, { signal: AbortSignal.timeout(10_000), redirect: "error" });
  } catch {
    throw new AppError(
      "upstream",
      `Airlock could not reach the AWS federation endpoint at ${url.origin}. Try again in a moment; if it keeps failing, Airlock's administrators should check AIRLOCK_SIGNIN_ENDPOINT and network access.`,
    );
  }
  const body = (await response.json().catch(() => undefined)) as { SigninToken?: unknown } | undefined;
  if (!response.ok || typeof body?.SigninToken !== "string") {
    throw new AppError(
      "upstream",
      `The AWS federation endpoint refused to issue a console sign-in token (HTTP ${response.status}). Try again; use "CLI credentials" if the console keeps failing.`,
    );
  }
  return body.SigninToken;
}

export function buildLoginUrl({
  federationEndpoint,
  issuer,
  destination,
  signinToken,
}: {
  federationEndpoint: string;
  issuer: string;
  destination: string;
  signinToken: string;
}): string {
  const url = new URL(federationEndpoint);
  url.searchParams.set("Action", "login");
  url.searchParams.set("Issuer", issuer);
  url.searchParams.set("Destination", destination);
  url.searchParams.set("SigninToken", signinToken);
  return url.toString();
}

/**
 * The console refuses a new federated sign-in while the browser holds another console session
 * ("you must first log out"). Sending the browser through the sign-out endpoint first, with the
 * login URL as its redirect, fixes that in one hop; only the us-east-1 sign-in host honours the
 * redirect, so that is the one used for the commercial partition.
 */
export function buildLogoutThenLoginUrl({
  loginUrl,
  logoutEndpoint,
}: {
  loginUrl: string;
  logoutEndpoint: string | undefined;
}): string {
  if (!logoutEndpoint) return loginUrl;
  const url = new URL(logoutEndpoint);
  url.searchParams.set("Action", "logout");
  url.searchParams.set("redirect_uri", loginUrl);
  return url.toString();
}
