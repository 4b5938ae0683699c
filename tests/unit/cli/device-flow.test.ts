import { describe, expect, it } from "vitest";
import type { Fetch } from "@/cli/src/api";
import { pollForToken, startDeviceAuthorization, type Clock } from "@/cli/src/device-flow";
import { CliError } from "@/cli/src/errors";

/** A stand-in for Airlock's device endpoints: answers the token endpoint from a script. */
function fakeAirlock(tokenAnswers: { status: number; body: unknown; headers?: Record<string, string> }[]) {
  const requests: { path: string; form: URLSearchParams; at: number; headers: Headers }[] = [];
  const clock: Clock & { time: number } = {
    time: 0,
    now: () => clock.time,
    sleep: async (ms) => {
      clock.time += ms;
    },
  };
  const fetch: Fetch = async (input, init) => {
    const url = new URL(String(input));
    requests.push({
      path: url.pathname,
      form: new URLSearchParams(String(init?.body)),
      at: clock.time,
      headers: new Headers(init?.headers),
    });
    if (url.pathname === "/api/device/authorize")
      return Response.json({
        device_code: "device-secret",
        user_code: "BCDF-GHJK",
        verification_uri: "https://airlock.example.com/device",
        verification_uri_complete: "https://airlock.example.com/device?user_code=BCDF-GHJK",
        expires_in: 600,
        interval: 5,
      });
    const answer = tokenAnswers.shift() ?? { status: 400, body: { error: "authorization_pending" } };
    return Response.json(answer.body, { status: answer.status, headers: answer.headers });
  };
  return { fetch, clock, requests };
}

const pending = { status: 400, body: { error: "authorization_pending" } };
const granted = {
  status: 200,
  body: {
    access_token: "airlock_abc",
    token_type: "Bearer",
    expires_in: 28800,
    user: { email: "alice@example.com", name: "Alice" },
  },
};

async function login(answers: Parameters<typeof fakeAirlock>[0]) {
  const server = fakeAirlock(answers);
  const context = { url: "https://airlock.example.com", fetch: server.fetch };
  const authorization = await startDeviceAuthorization(context, "laptop");
  return { server, result: pollForToken(context, authorization, server.clock) };
}

describe("device login (RFC 8628 client)", () => {
  it("starts with the client id, device name and a descriptive user agent", async () => {
    const { server, result } = await login([granted]);
    await result;
    const [authorize, token] = server.requests;
    expect(authorize.path).toBe("/api/device/authorize");
    expect(Object.fromEntries(authorize.form)).toEqual({ client_id: "airlock-cli", device_name: "laptop" });
    expect(authorize.headers.get("user-agent")).toMatch(/^airlock-cli\/\S+ \(\w+ \S+; node \d+\.\d+\.\d+\)$/);
    expect(Object.fromEntries(token.form)).toEqual({
      grant_type: "urn:ietf:params:oauth:grant-type:device_code",
      device_code: "device-secret",
      client_id: "airlock-cli",
    });
  });

  it("polls at the interval while pending and returns the token and user", async () => {
    const { server, result } = await login([pending, pending, granted]);
    expect(await result).toEqual({
      accessToken: "airlock_abc",
      expiresIn: 28800,
      user: { email: "alice@example.com", name: "Alice" },
    });
    expect(server.requests.slice(1).map((r) => r.at)).toEqual([5000, 10000, 15000]);
  });

  it("slows down by 5 seconds after each slow_down", async () => {
    const slowDown = { status: 400, body: { error: "slow_down" } };
    const { server, result } = await login([slowDown, pending, slowDown, granted]);
    await result;
    expect(server.requests.slice(1).map((r) => r.at)).toEqual([5000, 15000, 25000, 40000]);
  });

  it.each([
    ["access_denied", /denied in the browser/],
    ["expired_token", /code expired/],
    ["invalid_grant", /already used/],
  ])("stops on %s with a login_failed error (exit 10)", async (error, message) => {
    const { result } = await login([pending, { status: 400, body: { error } }]);
    const failure = await result.catch((e: unknown) => e);
    expect(failure).toBeInstanceOf(CliError);
    expect((failure as CliError).exitCode).toBe(10);
    expect((failure as CliError).message).toMatch(message);
  });

  it("gives up when the code's lifetime is over", async () => {
    const { server, result } = await login([]);
    await expect(result).rejects.toThrow(/expired before it was approved/);
    expect(server.requests.length).toBe(1 + 600 / 5);
  });

  it("says so when the portal offers no device login", async () => {
    const fetch: Fetch = async () => Response.json({ error: { code: "not_found" } }, { status: 404 });
    await expect(startDeviceAuthorization({ url: "https://x.example", fetch }, "laptop")).rejects.toThrow(
      /does not offer terminal sign-in/,
    );
  });

  it("reports an unreachable portal as such (exit 7)", async () => {
    const fetch: Fetch = async () => {
      throw new TypeError("fetch failed", { cause: { code: "ECONNREFUSED" } });
    };
    const failure = await startDeviceAuthorization({ url: "https://x.example", fetch }, "laptop").catch(
      (e: unknown) => e,
    );
    expect((failure as CliError).exitCode).toBe(7);
    expect((failure as CliError).message).toMatch(/Cannot reach Airlock at https:\/\/x\.example \(ECONNREFUSED\)/);
  });
});
