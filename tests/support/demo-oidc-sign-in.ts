import { startDemoOidcIdp, type DemoOidcIdp } from "@/dev/oidc-idp/server";
import type { DemoOidcClient } from "@/dev/oidc-idp/clients";
import { freePort } from "@/scripts/free-port";
import { startServer, type RunningServer } from "@/tests/support/server";

/**
 * Airlock signed in to through the demo OIDC IdP over plain HTTP, as a browser would: next-auth's
 * sign-in start, the IdP's login form, the redirect back to Airlock's callback.
 */

/** Cookies per origin (Airlock and the IdP both listen on 127.0.0.1, on different ports). */
export class OriginJar {
  private readonly cookies = new Map<string, Map<string, string>>();
  store(url: string, response: Response): void {
    const jar = this.cookies.get(new URL(url).origin) ?? new Map<string, string>();
    this.cookies.set(new URL(url).origin, jar);
    for (const line of response.headers.getSetCookie()) {
      const [pair] = line.split(";");
      const [name, ...value] = pair.split("=");
      if (/max-age=0|expires=thu, 01 jan 1970/i.test(line) || value.join("=") === "") jar.delete(name.trim());
      else jar.set(name.trim(), value.join("="));
    }
  }
  header(url: string): string {
    return [...(this.cookies.get(new URL(url).origin) ?? [])].map(([k, v]) => `${k}=${v}`).join("; ");
  }
  has(url: string, prefix: string): boolean {
    return [...(this.cookies.get(new URL(url).origin)?.keys() ?? [])].some((k) => k.includes(prefix));
  }
}

async function request(jar: OriginJar, url: string, init: RequestInit = {}): Promise<Response> {
  const response = await fetch(url, {
    ...init,
    redirect: "manual",
    headers: { ...(init.headers as Record<string, string>), cookie: jar.header(url) },
  });
  jar.store(url, response);
  return response;
}

/**
 * Signs `email` in; resolves with where Airlock's callback sends the browser, the jar, the
 * authorization request's URL and whether the IdP showed its login form (rather than answering
 * from its own session). `authorizationParams` go along as next-auth's `signIn` sends them.
 */
export async function signInThroughDemoOidc(
  server: RunningServer,
  {
    email,
    password,
    jar = new OriginJar(),
    authorizationParams = {},
  }: { email: string; password: string; jar?: OriginJar; authorizationParams?: Record<string, string> },
): Promise<{ location: string; jar: OriginJar; authorizeUrl: string; askedForPassword: boolean }> {
  const csrf = await request(jar, `${server.url}/api/auth/csrf`);
  const { csrfToken } = (await csrf.json()) as { csrfToken: string };
  const query = new URLSearchParams(authorizationParams).toString();
  const start = await request(jar, `${server.url}/api/auth/signin/oidc${query ? `?${query}` : ""}`, {
    method: "POST",
    headers: { "content-type": "application/x-www-form-urlencoded" },
    body: new URLSearchParams({ csrfToken, callbackUrl: "/", json: "true" }),
  });
  let url = ((await start.json()) as { url: string }).url;
  const authorizeUrl = url;
  let askedForPassword = false;
  for (let hop = 0; hop < 10 && !url.startsWith(server.url); hop++) {
    let response = await request(jar, url);
    if (response.status === 200 && new URL(url).pathname.startsWith("/interaction/")) {
      askedForPassword = true;
      response = await request(jar, url, {
        method: "POST",
        headers: { "content-type": "application/x-www-form-urlencoded" },
        body: new URLSearchParams({ email, password }),
      });
    }
    const location = response.headers.get("location");
    if (!location) throw new Error(`the IdP answered ${response.status} at ${url}: ${await response.text()}`);
    url = new URL(location, url).toString();
  }
  const callback = await request(jar, url);
  return { location: callback.headers.get("location") ?? "", jar, authorizeUrl, askedForPassword };
}

export type OidcPair = { server: RunningServer; idp: DemoOidcIdp; stop: () => Promise<void> };

/**
 * Airlock configured for one client of a demo OIDC IdP. Airlock reads discovery only at sign-in,
 * so it starts first and the IdP, which must know Airlock's callback URL, then takes its port.
 */
export async function startOidcPair(client: DemoOidcClient, env: Record<string, string> = {}): Promise<OidcPair> {
  const port = await freePort();
  const issuer = `http://127.0.0.1:${port}`;
  const server = await startServer({
    AIRLOCK_OIDC_ISSUER: issuer,
    AIRLOCK_OIDC_CLIENT_ID: client.clientId,
    AIRLOCK_OIDC_CLIENT_SECRET: client.clientSecret,
    AIRLOCK_OIDC_SCOPES: "openid email profile groups",
    ...env,
  });
  const idp = await startDemoOidcIdp({
    port,
    issuer,
    redirectUris: [`${server.url}/api/auth/callback/oidc`],
    clients: [client],
  }).catch(async (error: unknown) => {
    await server.stop();
    throw error;
  });
  return { server, idp, stop: async () => void (await Promise.all([server.stop(), idp.close()])) };
}
