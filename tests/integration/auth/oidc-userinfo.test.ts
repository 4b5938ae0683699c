import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildOidcProfileRequest, readGroupsClaimStatus } from "@/lib/auth/oidc-callback";
import { fetchUserinfo } from "@/lib/auth/oidc-userinfo";

/**
 * Airlock's userinfo read against a local OP stand-in: what it does with good answers, and a
 * reason for every bad one.
 */

type Answer = (req: IncomingMessage, res: ServerResponse) => void;
let answer: Answer = () => undefined;
let server: Server;
let endpoint: string;

beforeAll(async () => {
  server = createServer((req, res) => answer(req, res));
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  endpoint = `http://127.0.0.1:${(server.address() as AddressInfo).port}/userinfo`;
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

const json =
  (body: unknown, type = "application/json; charset=utf-8"): Answer =>
  (_req, res) => {
    res.writeHead(200, { "content-type": type });
    res.end(typeof body === "string" ? body : JSON.stringify(body));
  };

describe("fetchUserinfo", () => {
  it("sends the access token as a bearer token and returns the validated answer", async () => {
    let authorization: string | undefined;
    answer = (req, res) => {
      authorization = req.headers.authorization;
      json({ sub: "u1", email: "a@example.com", groups: ["g"] })(req, res);
    };
    await expect(fetchUserinfo({ endpoint, accessToken: "at-1" })).resolves.toEqual({
      sub: "u1",
      email: "a@example.com",
      groups: ["g"],
    });
    expect(authorization).toBe("Bearer at-1");
  });

  it.each<[string, Answer, string]>([
    [
      "an error status",
      (_req, res) => {
        res.writeHead(401, { "content-type": "application/json" });
        res.end('{"error":"invalid_token"}');
      },
      "answered HTTP 401",
    ],
    ["a signed (JWT) answer", json("eyJ.x.y", "application/jwt"), "did not answer JSON"],
    ["JSON without sub", json({ email: "a@example.com" }), "a JSON object with a sub"],
    ["not JSON at all", json("<html>", "application/json"), "could not be read (SyntaxError)"],
    [
      "a redirect",
      (_req, res) => void res.writeHead(302, { location: "http://127.0.0.1:1/" }).end(),
      "could not be read",
    ],
    [
      "an answer larger than the bound (streamed, no length)",
      (_req, res) => {
        res.writeHead(200, { "content-type": "application/json" });
        res.write(`{"sub":"u1","pad":"${"x".repeat(4096)}`);
        res.end(`${"y".repeat(4096)}"}`);
      },
      "larger than 1024 bytes",
    ],
  ])("refuses %s, saying what the OP did", async (_, bad, reason) => {
    answer = bad;
    const refused = fetchUserinfo({ endpoint, accessToken: "at-1", maxBytes: 1024 });
    await expect(refused).rejects.toMatchObject({ code: "oidc_userinfo_failed" });
    await expect(refused).rejects.toThrow(reason);
    await expect(refused).rejects.toThrow(`the OP's userinfo endpoint (${endpoint})`);
  });

  it("gives up on an OP that does not answer in time", async () => {
    answer = () => undefined;
    await expect(fetchUserinfo({ endpoint, accessToken: "at-1", timeoutMs: 300 })).rejects.toThrow(
      "could not be read (TimeoutError)",
    );
  });
});

describe("buildOidcProfileRequest (the claims next-auth's callback hands to sign-in)", () => {
  type Request = Parameters<ReturnType<typeof buildOidcProfileRequest>>[0];
  const read = (idToken: Record<string, unknown>) =>
    buildOidcProfileRequest("groups")({
      tokens: { access_token: "at-1", claims: () => idToken },
      client: { issuer: { metadata: { userinfo_endpoint: endpoint } } },
    } as unknown as Request);
  const complete = { sub: "u1", email: "a@example.com", name: "A", preferred_username: "a", groups: ["g"] };
  const failing: Answer = (_req, res) => void res.writeHead(503).end();

  it("does not call userinfo when the ID token has every claim Airlock reads", async () => {
    answer = failing;
    const profile = await read(complete);
    expect(profile).toEqual(complete);
    expect(readGroupsClaimStatus(profile)).toEqual({ status: "present", claim: "groups", source: "id_token" });
  });

  it("goes on with the ID token when only a display claim is missing and userinfo fails", async () => {
    answer = failing;
    const withoutName = { ...complete, name: undefined };
    await expect(read(withoutName)).resolves.toEqual(withoutName);
  });

  it.each(["email", "groups"])("refuses when %s is missing and userinfo fails", async (claim) => {
    answer = failing;
    await expect(read({ ...complete, [claim]: undefined })).rejects.toMatchObject({ code: "oidc_userinfo_failed" });
  });

  it("refuses userinfo about another subject even when only a display claim is missing", async () => {
    answer = json({ sub: "u2", name: "Mallory" });
    const withoutName = { ...complete, name: undefined };
    await expect(read(withoutName)).rejects.toMatchObject({ code: "oidc_userinfo_sub_mismatch" });
  });

  it("reports a groups claim missing from both, and where it looked", async () => {
    answer = json({ sub: "u1", email: "a@example.com" });
    const profile = await read({ sub: "u1", name: "A", preferred_username: "a" });
    expect(profile).toMatchObject({ email: "a@example.com" });
    expect(readGroupsClaimStatus(profile)).toEqual({
      status: "missing",
      claim: "groups",
      lookedIn: ["id_token", "userinfo"],
    });
  });
});
