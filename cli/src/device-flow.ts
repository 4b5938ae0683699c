import { sendRaw, type ApiContext } from "./api";
import { CliError } from "./errors";
import { isPortalPage } from "./printable";

/** The OAuth 2.0 Device Authorization Grant (RFC 8628) as a client, against Airlock itself. */

export const clientId = "airlock-cli";
const deviceGrant = "urn:ietf:params:oauth:grant-type:device_code";

export type DeviceAuthorization = {
  deviceCode: string;
  userCode: string;
  verificationUri: string;
  verificationUriComplete?: string;
  expiresIn: number;
  interval: number;
};

export type DeviceToken = {
  accessToken: string;
  expiresIn: number;
  user: { email: string; name: string | null };
};

type OAuthError = { error?: string; error_description?: string };

function oauthError(body: unknown): OAuthError {
  return body && typeof body === "object" ? (body as OAuthError) : {};
}

function isString(value: unknown): value is string {
  return typeof value === "string" && value.length > 0;
}

export async function startDeviceAuthorization(context: ApiContext, deviceName: string): Promise<DeviceAuthorization> {
  const answer = await sendRaw(context, {
    method: "POST",
    path: "/api/device/authorize",
    form: { client_id: clientId, device_name: deviceName.slice(0, 64) },
  });
  const body = answer.body as Record<string, unknown> | undefined;
  if (answer.status === 429)
    throw new CliError(
      "rate_limited",
      "Too many sign-in attempts from this machine. Wait a few minutes and run `airlock login` again.",
    );
  if (
    answer.status !== 200 ||
    !isString(body?.device_code) ||
    !isString(body?.user_code) ||
    !isString(body?.verification_uri)
  )
    throw new CliError(
      answer.status === 404 ? "unreachable" : "failed",
      answer.status === 404
        ? `${context.url} does not offer terminal sign-in: is it Airlock's URL, and is Airlock up to date?`
        : `Airlock did not start the sign-in (HTTP ${answer.status}${oauthError(body).error_description ? `: ${oauthError(body).error_description}` : ""}).`,
    );
  const complete = isString(body.verification_uri_complete) ? body.verification_uri_complete : undefined;
  // The approval page is Airlock's own: an answer naming another site is not followed.
  for (const page of [body.verification_uri, complete])
    if (page !== undefined && !isPortalPage(page, context.url))
      throw new CliError(
        "failed",
        `Airlock's answer sends you to a page outside ${context.url}; not opening it. Check that ${context.url} is your company's Airlock.`,
      );
  if (!/^[A-Z]{4}-[A-Z]{4}$/.test(body.user_code))
    throw new CliError("failed", "Airlock's answer has no valid sign-in code. Run `airlock login` again.");
  return {
    deviceCode: body.device_code,
    userCode: body.user_code,
    verificationUri: body.verification_uri,
    verificationUriComplete: complete,
    expiresIn: Number(body.expires_in) > 0 ? Number(body.expires_in) : 600,
    interval: Number(body.interval) > 0 ? Number(body.interval) : 5,
  };
}

export type Clock = { now: () => number; sleep: (ms: number) => Promise<void> };

const realClock: Clock = { now: () => Date.now(), sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)) };

/** Polls the token endpoint at the interval Airlock asks for (5 s more after each `slow_down`). */
export async function pollForToken(
  context: ApiContext,
  authorization: DeviceAuthorization,
  clock: Clock = realClock,
): Promise<DeviceToken> {
  const deadline = clock.now() + authorization.expiresIn * 1000;
  let interval = authorization.interval;
  const form = { grant_type: deviceGrant, device_code: authorization.deviceCode, client_id: clientId };
  while (clock.now() < deadline) {
    await clock.sleep(interval * 1000);
    const answer = await sendRaw(context, { method: "POST", path: "/api/device/token", form });
    const body = answer.body as Record<string, unknown> | undefined;
    if (answer.status === 200 && isString(body?.access_token)) {
      const user = (body.user ?? {}) as { email?: unknown; name?: unknown };
      return {
        accessToken: body.access_token,
        expiresIn: Number(body.expires_in) || 0,
        user: { email: String(user.email ?? ""), name: isString(user.name) ? user.name : null },
      };
    }
    const error = oauthError(body).error;
    if (error === "authorization_pending") continue;
    if (error === "slow_down") {
      interval += 5;
      continue;
    }
    if (answer.status === 429 || error === "rate_limited") {
      interval = Math.max(interval, Number(answer.headers.get("retry-after")) || interval * 2);
      continue;
    }
    throw describeTokenError(error, oauthError(body).error_description, answer.status);
  }
  throw new CliError("login_failed", "The sign-in code expired before it was approved. Run `airlock login` again.");
}

function describeTokenError(error: string | undefined, description: string | undefined, status: number): CliError {
  switch (error) {
    case "access_denied":
      return new CliError("login_failed", "The sign-in was denied in the browser. Run `airlock login` to try again.");
    case "expired_token":
      return new CliError(
        "login_failed",
        "The sign-in code expired before it was approved. Run `airlock login` again.",
      );
    case "invalid_grant":
      return new CliError(
        "login_failed",
        "Airlock no longer knows this sign-in code (already used?). Run `airlock login` again.",
      );
    default:
      return new CliError(
        "failed",
        `Airlock refused the sign-in (${error ?? `HTTP ${status}`}${description ? `: ${description}` : ""}). Run \`airlock login\` again.`,
      );
  }
}
