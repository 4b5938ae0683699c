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
