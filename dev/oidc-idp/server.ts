import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import { generateKeyPairSync } from "node:crypto";
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
import { createMemoryAdapter } from "./memory-adapter";

/**
 * The demo corporate OIDC IdP, built on oidc-provider: discovery, authorization code with PKCE,
 * a real login form, and a `groups` claim in the ID token (scope `groups`). `prompt=none` is
 * oidc-provider's own: with a live IdP session it answers at once, with the person's current
 * groups; without one it sends `login_required` to the redirect URI.
 */

export type DemoOidcIdp = { url: string; server: Server; provider: Provider; close: () => Promise<void> };

export async function startDemoOidcIdp({
  port = 3001,
  host = "127.0.0.1",
  issuer = `http://localhost:${port}`,
  clientId = "airlock-demo",
  clientSecret = "airlock-demo-secret",
  redirectUris,
  people: initialPeople = demoPeople,
}: {
  port?: number;
  host?: string;
  issuer?: string;
  clientId?: string;
  clientSecret?: string;
  redirectUris: string[];
  people?: DemoPerson[];
}): Promise<DemoOidcIdp> {
  const people = copyPeople(initialPeople);
  const { privateKey } = generateKeyPairSync("rsa", { modulusLength: 2048 });
  const jwk = { ...privateKey.export({ format: "jwk" }), kid: "demo-oidc", alg: "RS256", use: "sig" };
  const configuration: Configuration = {
    clients: [
      {
        client_id: clientId,
        client_secret: clientSecret,
        redirect_uris: redirectUris,
        grant_types: ["authorization_code"],
        response_types: ["code"],
        token_endpoint_auth_method: "client_secret_basic",
      },
    ],
    jwks: { keys: [jwk] },
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
    features: { devInteractions: { enabled: false } },
    pkce: { required: () => true },
    interactions: { url: (_ctx, interaction) => `/interaction/${interaction.uid}` },
    async findAccount(_ctx, id) {
      const person = people.find((p) => p.id === id);
      if (!person) return undefined;
      return {
        accountId: id,
        claims: async () => ({
          sub: id,
          email: person.email,
          email_verified: true,
          name: person.name,
          preferred_username: person.username,
          groups: person.groups,
        }),
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
