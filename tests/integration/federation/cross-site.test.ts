import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startSignedInServer } from "@/tests/support/http-session";
import type { RunningServer } from "@/tests/support/server";

// The server's public origin is AIRLOCK_URL (http://localhost:3000), whatever address it listens on.
const airlock = "http://localhost:3000";
const notEntitled = "You are not entitled to role Developer in account 111111111111";
const fromOtherSites = "Requests from other sites are refused";
const json = "application/json";

describe("issuing endpoints and requests from other sites", () => {
  let server: RunningServer;
  let session: string;
  beforeAll(async () => ({ server, session } = await startSignedInServer()));
  afterAll(() => server?.stop());

  // Past the origin and media-type checks, the request meets the entitlement check (alice has none here).
  it.each([
    ["JSON with no Origin (CLI, curl) reaches issuance", json, undefined, 403, notEntitled],
    ["JSON from Airlock's own origin reaches issuance", "application/json; charset=utf-8", airlock, 403, notEntitled],
    ["text/plain from another origin: 403", "text/plain", "https://evil.example", 403, fromOtherSites],
    ["JSON from another origin of the same site: 403", json, "http://localhost:3001", 403, fromOtherSites],
    ["JSON from an opaque origin: 403", json, "null", 403, fromOtherSites],
    ["text/plain with no Origin: 415", "text/plain", undefined, 415, "Content-Type: application/json"],
    ["a form from Airlock's origin: 415", "application/x-www-form-urlencoded", airlock, 415, "application/json"],
  ])("POST /api/credentials, %s", async (_name, contentType, origin, status, message) => {
    const response = await fetch(`${server.url}/api/credentials`, {
      method: "POST",
      headers: { cookie: session, "content-type": contentType, ...(origin ? { origin } : {}) },
      body: JSON.stringify({ accountId: "111111111111", roleName: "Developer" }),
    });
    expect(response.status).toBe(status);
    expect(response.headers.get("cache-control")).toContain("no-store");
    expect(((await response.json()) as { error: { message: string } }).error.message).toContain(message);
  });

  it.each([
    ["a cross-site link", { "sec-fetch-site": "cross-site", "sec-fetch-user": "?1" }],
    ["a same-site page", { "sec-fetch-site": "same-site", "sec-fetch-user": "?1" }],
    ["a typed URL or bookmark", { "sec-fetch-site": "none", "sec-fetch-user": "?1" }],
    ["a script on Airlock's page, without a click", { "sec-fetch-site": "same-origin" }],
    ["a client that says nothing (curl)", {}],
  ])("GET /api/console from %s goes to the /go confirmation, issuing nothing", async (_name, headers) => {
    const response = await fetch(
      `${server.url}/api/console?accountId=111111111111&roleName=Developer&region=eu-west-1&destination=s3`,
      { redirect: "manual", headers: { cookie: session, ...headers } },
    );
    expect(response.status).toBe(303);
    expect(response.headers.get("location")).toBe(
      "/go?account=111111111111&role=Developer&region=eu-west-1&destination=s3",
    );
  });

  it("GET /api/console clicked on Airlock's page goes on to issuance", async () => {
    const response = await fetch(`${server.url}/api/console?accountId=111111111111&roleName=Developer`, {
      redirect: "manual",
      headers: { cookie: session, "sec-fetch-site": "same-origin", "sec-fetch-user": "?1" },
    });
    expect(response.status).toBe(403);
    expect(((await response.json()) as { error: { message: string } }).error.message).toContain(notEntitled);
  });

  it("/go for a role the person is not entitled to answers 403, with whom to ask", async () => {
    const response = await fetch(`${server.url}/go?account=111111111111&role=Developer`, {
      headers: { cookie: session },
    });
    expect(response.status).toBe(403);
    // Next sends a 403 page as its render payload (the browser test reads the rendered page).
    expect(await response.text()).toContain("your Airlock administrators");
  });
});
