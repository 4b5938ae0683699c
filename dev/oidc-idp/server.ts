import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import Provider, { type Configuration } from "oidc-provider";
import {
  copyPeople,
  demoPeople,
  findPerson,
  handlePeopleControl,
  readForm,
  renderLoginPage,
  type DemoPerson,
} from "../demo-people";
import { listen, sendSignInError } from "../listen";
import {
  buildSigningKeys,
  listIdTokenAlgs,
  misanswerUserinfoSubject,
  shapeClaims,
  toClientMetadata,
  type DemoOidcClient,
} from "./clients";
import { createMemoryAdapter } from "./memory-adapter";

/**
 * The demo corporate OIDC IdP, built on oidc-provider: discovery, authorization code with PKCE,
 * a real login form, and a `groups` claim in the ID token (scope `groups`). `prompt=none` is
 * oidc-provider's own: with a live IdP session it answers at once, with the person's current
 * groups; without one it sends `login_required` to the redirect URI. Further `clients` can sign
 * ID tokens with other algorithms and keep claims to the userinfo answer (see ./clients).
 * Single logout: RP-initiated logout at `end_session_endpoint` (no confirmation question, as a
 * corporate IdP trusting its own RP does) and back-channel logout tokens to the client's
 * `backchannel_logout_uri`, both registered for the client next to its redirect URI.
 */

/** Airlock's logout URLs, next to its OIDC redirect URI (same origin). */
function airlockLogoutUris(redirectUri: string) {
  return {
    postLogout: new URL("/api/auth/logout", redirectUri).href,
    backchannel: new URL("/api/auth/backchannel-logout", redirectUri).href,
  };
}

// Submits the end-session form at once, answering "yes, sign me out".
const autoSubmitLogout = (form: string) =>
  `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Signing out</title></head><body onload="document.forms[0].submit()">${form.replace("</form>", '<input type="hidden" name="logout" value="yes"><noscript><button type="submit">Sign out</button></noscript></form>')}</body></html>`;

export type DemoOidcIdp = { url: string; server: Server; provider: Provider; close: () => Promise<void> };

export async function startDemoOidcIdp({
  port = 3001,
  host = "127.0.0.1",
  issuer = `http://localhost:${port}`,
  clientId = "airlock-demo",
  clientSecret = "airlock-demo-secret",
  redirectUris,
  people: initialPeople = demoPeople,
  clients = [],
}: {
  port?: number;
  host?: string;
  issuer?: string;
  clientId?: string;
  clientSecret?: string;
  redirectUris: string[];
  people?: DemoPerson[];
  clients?: DemoOidcClient[];
}): Promise<DemoOidcIdp> {
  const people = copyPeople(initialPeople);
  const configuration: Configuration = {
    clients: [
      {
        ...toClientMetadata({ clientId, clientSecret }, redirectUris),
        post_logout_redirect_uris: redirectUris.map((uri) => airlockLogoutUris(uri).postLogout),
        backchannel_logout_uri: airlockLogoutUris(redirectUris[0]).backchannel,
        backchannel_logout_session_required: true,
      },
      ...clients.map((c) => toClientMetadata(c, redirectUris)),
    ],
    jwks: { keys: buildSigningKeys(clients) },
    enabledJWA: { idTokenSigningAlgValues: listIdTokenAlgs(clients) },
    scopes: ["openid", "email", "profile", "groups"],
    claims: {
      openid: ["sub"],
      email: ["email", "email_verified"],
      profile: ["name", "preferred_username"],
      groups: ["groups"],
    },
    // Put the requested claims, groups included, in the ID token.
    conformIdTokenClaims: false,
    cookies: { keys: ["airlock-demo-oidc-cookie-key-not-secret"] },
    // oidc-provider refuses outgoing requests to loopback addresses (SSRF protection); the demo's
    // Airlock listens on loopback, so its back-channel logout calls go out without that check.
    fetch: (url, options) => globalThis.fetch(url, { ...options, dispatcher: undefined } as RequestInit),
    adapter: createMemoryAdapter(),
    // Lifetimes of our own, as a corporate IdP sets them (oidc-provider notes each default it uses).
    ttl: {
      AccessToken: 3600,
      AuthorizationCode: 60,
      IdToken: 3600,
      Interaction: 3600,
      Session: 14 * 24 * 3600,
      Grant: 14 * 24 * 3600,
    },
    features: {
      devInteractions: { enabled: false },
      backchannelLogout: { enabled: true },
      rpInitiatedLogout: {
        enabled: true,
        async logoutSource(ctx, form) {
          ctx.type = "html";
          ctx.body = autoSubmitLogout(form);
        },
        async postLogoutSuccessSource(ctx) {
          ctx.type = "html";
          ctx.body = `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Signed out</title></head><body><h1>Signed out of the Demo OIDC IdP</h1></body></html>`;
        },
      },
    },
    pkce: { required: () => true },
    interactions: { url: (_ctx, interaction) => `/interaction/${interaction.uid}` },
    async findAccount(ctx, id) {
      const person = people.find((p) => p.id === id);
      if (!person) return undefined;
      const client = clients.find((c) => c.clientId === ctx.oidc.client?.clientId);
      return {
        accountId: id,
        claims: async (use) =>
          shapeClaims(
            {
              sub: id,
              email: person.email,
              email_verified: true,
              name: person.name,
              preferred_username: person.username,
              groups: person.groups,
            },
            use,
            client,
          ) as { sub: string },
      };
    },
    // First-party demo client: consent is implied.
    async loadExistingGrant(ctx) {
      const grant = new ctx.oidc.provider.Grant({
        clientId: ctx.oidc.client!.clientId,
        accountId: ctx.oidc.session!.accountId!,
      });
      grant.addOIDCScope("openid email profile groups");
      await grant.save();
      return grant;
    },
  };
  const provider = new Provider(issuer, configuration);
  misanswerUserinfoSubject(provider, clients);
  provider.on("backchannel.error", (_ctx, error: Error) =>
    console.error(`Demo OIDC IdP: back-channel logout failed: ${error.message}`),
  );
  const callback = provider.callback();

  async function interaction(req: IncomingMessage, res: ServerResponse, uid: string): Promise<void> {
    const details = await provider.interactionDetails(req, res);
    if (details.uid !== uid) throw new Error("interaction mismatch");
    if (req.method === "POST") {
      const form = await readForm(req);
      const person = findPerson(form.get("email") ?? "", form.get("password") ?? "", people);
      if (person)
        return provider.interactionFinished(
          req,
          res,
          { login: { accountId: person.id } },
          { mergeWithLastSubmission: false },
        );
      res.writeHead(401, { "content-type": "text/html" });
      return void res.end(
        renderLoginPage({ title: "Demo OIDC IdP", action: `/interaction/${uid}`, error: "Wrong email or password." }),
      );
    }
    res.writeHead(200, { "content-type": "text/html", "cache-control": "no-store" });
    res.end(renderLoginPage({ title: "Demo OIDC IdP", action: `/interaction/${uid}` }));
  }

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const pathname = new URL(req.url ?? "/", issuer).pathname;
    if (await handlePeopleControl(req, res, pathname, people)) return;
    const match = /^\/interaction\/([\w-]+)$/.exec(req.url ?? "");
    if (!match) return callback(req, res);
    return interaction(req, res, match[1]);
  }

  const server = createServer((req, res) => {
    handle(req, res).catch((error: unknown) => sendSignInError(res, error));
  });
  return { ...(await listen(server, port, host)), provider };
}
