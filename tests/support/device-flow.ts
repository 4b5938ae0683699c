import type { RunningServer } from "@/tests/support/server";

/**
 * The terminal's side of the device flow (RFC 8628), over HTTP, as the `airlock` CLI speaks it.
 */

export const CLI_USER_AGENT = "airlock-cli/0.1.0 (linux 6.1.0; node v20.19.0)";
export const DEVICE_GRANT = "urn:ietf:params:oauth:grant-type:device_code";

export type DeviceGrant = {
  device_code: string;
  user_code: string;
  verification_uri: string;
  verification_uri_complete: string;
  expires_in: number;
  interval: number;
};

export function postForm(server: RunningServer, path: string, fields: Record<string, string>, headers = {}) {
  return fetch(`${server.url}${path}`, {
    method: "POST",
    headers: { "content-type": "application/x-www-form-urlencoded", "user-agent": CLI_USER_AGENT, ...headers },
    body: new URLSearchParams(fields),
  });
}

/** Starts a terminal sign-in: the grant the CLI shows (it throws on anything but 200). */
export async function authorizeDevice(
  server: RunningServer,
  fields: Record<string, string> = { device_name: "alice-laptop" },
): Promise<DeviceGrant> {
  const response = await postForm(server, "/api/device/authorize", { client_id: "airlock-cli", ...fields });
  if (response.status !== 200) throw new Error(`authorize: ${response.status} ${await response.text()}`);
  return (await response.json()) as DeviceGrant;
}

/** One poll of the token endpoint: its status and body. */
export async function pollToken(server: RunningServer, deviceCode: string) {
  const response = await postForm(server, "/api/device/token", {
    grant_type: DEVICE_GRANT,
    device_code: deviceCode,
    client_id: "airlock-cli",
  });
  return {
    status: response.status,
    body: (await response.json()) as Record<string, unknown> & { error?: string; access_token?: string },
  };
}

/** A GET with a terminal's bearer token. */
export function bearerGet(server: RunningServer, path: string, token: string, headers: Record<string, string> = {}) {
  return fetch(`${server.url}${path}`, {
    headers: { authorization: `Bearer ${token}`, ...headers },
    redirect: "manual",
  });
}

/** A JSON POST with a terminal's bearer token. */
export function bearerPost(server: RunningServer, path: string, token: string, body: unknown) {
  return fetch(`${server.url}${path}`, {
    method: "POST",
    headers: { authorization: `Bearer ${token}`, "content-type": "application/json", "user-agent": CLI_USER_AGENT },
    body: JSON.stringify(body),
  });
}

/** Airlock's public origin in the test server's settings (samlServerEnv): what a browser on its pages sends. */
const PUBLIC_ORIGIN = "http://localhost:3000";

/** The /device page as a signed-in browser gets it (no redirects followed). */
export async function openDevicePage(server: RunningServer, cookie: string, query: string) {
  const response = await fetch(`${server.url}/device${query}`, { headers: { cookie }, redirect: "manual" });
  return { status: response.status, location: response.headers.get("location"), html: await response.text() };
}

/**
 * Clicks Approve or Deny on the /device page the way a browser without JavaScript does: posts the
 * page's own form (its Server Action id, and the code) from Airlock's origin. The answer: the
 * action's redirect (a 303 to the result page).
 */
export async function decideOnDevicePage(
  server: RunningServer,
  cookie: string,
  userCode: string,
  decision: "approve" | "deny",
): Promise<Response> {
  const { html } = await openDevicePage(server, cookie, `?user_code=${encodeURIComponent(userCode)}`);
  const actionIds = [...html.matchAll(/name="\$ACTION_ID_([0-9a-f]+)"/g)].map((m) => m[1]);
  if (actionIds.length !== 2)
    throw new Error(`expected the Approve and Deny forms on /device:\n${html.slice(0, 2000)}`);
  const form = new FormData();
  form.set(`$ACTION_ID_${actionIds[decision === "approve" ? 0 : 1]}`, "");
  form.set("user_code", userCode);
  return fetch(`${server.url}/device`, {
    method: "POST",
    redirect: "manual",
    headers: { cookie, origin: PUBLIC_ORIGIN, "x-forwarded-host": new URL(PUBLIC_ORIGIN).host },
    body: form,
  });
}

/** A full terminal sign-in approved by the browser holding `cookie`: the bearer token. */
export async function signInTerminal(server: RunningServer, cookie: string, deviceName = "alice-laptop") {
  const grant = await authorizeDevice(server, { device_name: deviceName });
  const decided = await decideOnDevicePage(server, cookie, grant.user_code, "approve");
  if (decided.headers.get("location") !== "/device?result=approved")
    throw new Error(`approval: ${decided.status} ${decided.headers.get("location")}`);
  const { status, body } = await pollToken(server, grant.device_code);
  if (status !== 200) throw new Error(`token: ${status} ${JSON.stringify(body)}`);
  return body.access_token!;
}
