import { createHash, generateKeyPairSync, randomUUID, sign } from "node:crypto";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";

/**
 * A minimal OpenID provider whose answers a test can corrupt one field at a time (state, nonce,
 * issuer, audience, PKCE), to prove that Airlock's OIDC sign-in refuses each, or answer
 * `login_required` as an IdP does to prompt=none without a session. ID tokens are really signed
 * (RS256) and published in its JWKS.
 */

export type Tamper =
  | "none"
  | "state"
  | "nonce"
  | "issuer"
  | "audience"
  | "signature"
  /** An unsigned ID token (`alg: none`), which its discovery even advertises. */
  | "alg_none"
  | "login_required";

export type FakeOidcProvider = {
  url: string;
  tamper: Tamper;
  clientId: string;
  /** The ID token's email_verified claim; undefined leaves it out, as some IdPs do. */
  emailVerified?: boolean;
  lastCodeVerifierOk?: boolean;
  /** The ID token's `sub`, and its `sid` (left out when undefined). */
  sub: string;
  sid?: string;
  /** A JWT signed as this OP signs (RS256, kid k1), or by a key it never published. */
  signJwt: (claims: Record<string, unknown>, options?: { typ?: string; alg?: string; foreignKey?: boolean }) => string;
  close: () => Promise<void>;
};

const b64url = (value: Buffer | string) => Buffer.from(value).toString("base64url");

export async function startFakeOidcProvider(clientId = "airlock-test"): Promise<FakeOidcProvider> {
  const { privateKey, publicKey } = generateKeyPairSync("rsa", { modulusLength: 2048 });
  const { privateKey: otherKey } = generateKeyPairSync("rsa", { modulusLength: 2048 });
  const codes = new Map<string, { nonce: string; challenge: string; redirectUri: string }>();
  const state: FakeOidcProvider = {
    url: "",
    tamper: "none",
    clientId,
    emailVerified: true,
    sub: "alice-oidc-1",
    signJwt: (claims, options = {}) => {
      const header = b64url(JSON.stringify({ alg: options.alg ?? "RS256", kid: "k1", typ: options.typ ?? "JWT" }));
      const body = b64url(JSON.stringify(claims));
      const signature = sign(
        "RSA-SHA256",
        Buffer.from(`${header}.${body}`),
        options.foreignKey ? otherKey : privateKey,
      );
      return `${header}.${body}.${b64url(signature)}`;
    },
    close: () => new Promise((r) => server.close(() => r())),
  };

  function idToken(nonce: string): string {
    const now = Math.floor(Date.now() / 1000);
    const claims = {
      iss: state.tamper === "issuer" ? "https://evil-idp.example.com" : state.url,
      aud: state.tamper === "audience" ? "someone-else" : clientId,
      sub: state.sub,
      ...(state.sid ? { sid: state.sid } : {}),
      email: "alice@example.com",
      email_verified: state.emailVerified,
      name: "Alice Example",
      groups: ["engineering"],
      nonce: state.tamper === "nonce" ? "not-the-nonce" : nonce,
      iat: now,
      exp: now + 300,
    };
    const body = b64url(JSON.stringify(claims));
    if (state.tamper === "alg_none") return `${b64url(JSON.stringify({ alg: "none", typ: "JWT" }))}.${body}.`;
    const header = b64url(JSON.stringify({ alg: "RS256", kid: "k1", typ: "JWT" }));
    const signature = sign(
      "RSA-SHA256",
      Buffer.from(`${header}.${body}`),
      state.tamper === "signature" ? otherKey : privateKey,
    );
    return `${header}.${body}.${b64url(signature)}`;
  }

  const server: Server = createServer(async (req, res) => {
    const url = new URL(req.url ?? "/", state.url);
    const json = (status: number, body: unknown) => {
      res.writeHead(status, { "content-type": "application/json" });
      res.end(JSON.stringify(body));
    };
    if (url.pathname === "/.well-known/openid-configuration") {
      return json(200, {
        issuer: state.url,
        authorization_endpoint: `${state.url}/authorize`,
        token_endpoint: `${state.url}/token`,
        jwks_uri: `${state.url}/jwks`,
        end_session_endpoint: `${state.url}/session/end`,
        response_types_supported: ["code"],
        subject_types_supported: ["public"],
        // `none` is advertised to show that Airlock never accepts it, whatever discovery says.
        id_token_signing_alg_values_supported: ["RS256", "none"],
        code_challenge_methods_supported: ["S256"],
      });
    }
    if (url.pathname === "/jwks")
      return json(200, { keys: [{ ...publicKey.export({ format: "jwk" }), kid: "k1", alg: "RS256", use: "sig" }] });
    if (url.pathname === "/authorize") {
      const code = randomUUID();
      codes.set(code, {
        nonce: url.searchParams.get("nonce") ?? "",
        challenge: url.searchParams.get("code_challenge") ?? "",
        redirectUri: url.searchParams.get("redirect_uri") ?? "",
      });
      const back = new URL(url.searchParams.get("redirect_uri") ?? "");
      back.searchParams.set(
        state.tamper === "login_required" ? "error" : "code",
        state.tamper === "login_required" ? "login_required" : code,
      );
      back.searchParams.set("state", state.tamper === "state" ? "forged-state" : (url.searchParams.get("state") ?? ""));
      res.writeHead(302, { location: back.toString() });
      return void res.end();
    }
    if (url.pathname === "/token" && req.method === "POST") {
      let body = "";
      for await (const chunk of req) body += String(chunk);
      const form = new URLSearchParams(body);
      const entry = codes.get(form.get("code") ?? "");
      codes.delete(form.get("code") ?? "");
      if (!entry) return json(400, { error: "invalid_grant" });
      const verifier = form.get("code_verifier") ?? "";
      state.lastCodeVerifierOk = createHash("sha256").update(verifier).digest("base64url") === entry.challenge;
      if (!state.lastCodeVerifierOk)
        return json(400, { error: "invalid_grant", error_description: "PKCE verification failed" });
      return json(200, {
        access_token: randomUUID(),
        token_type: "Bearer",
        expires_in: 300,
        id_token: idToken(entry.nonce),
      });
    }
    res.writeHead(404);
    res.end();
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  state.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return state;
}
