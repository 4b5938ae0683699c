import { randomBytes } from "node:crypto";
import { readFileSync } from "node:fs";
import { inflateRawSync } from "node:zlib";
import { expect } from "vitest";
import { SAML_TICKET_PROVIDER } from "@/lib/auth/provider-ids";
import { buildIdpMetadata } from "@/lib/saml/idp-metadata";
import { parseSigningMaterial } from "@/lib/saml/signing-key";
import { buildIdpResponse, IDP_ENTITY_ID, signIdpResponse } from "@/tests/support/saml-response-builder";
import { startServer, type RunningServer } from "@/tests/support/server";

/**
 * Real sign-ins over HTTP against a running Airlock, through its SAML ACS and next-auth, with the
 * test IdP's key: what a browser does, step by step, so tests hold sessions Airlock really issued.
 */

export const testIdpKey = parseSigningMaterial(
  readFileSync("tests/fixtures/saml/airlock-test-key.pem", "utf8"),
  readFileSync("tests/fixtures/saml/airlock-test-cert.pem", "utf8"),
);

/** Settings for a server whose corporate IdP is the test SAML IdP (public URL http://localhost:3000). */
export function samlServerEnv(extra: Record<string, string> = {}): Record<string, string> {
  return {
    AIRLOCK_DEMO: "false",
    AIRLOCK_URL: "http://localhost:3000",
    AIRLOCK_SECRET: randomBytes(48).toString("base64"),
    AIRLOCK_SIGNING_KEY: "tests/fixtures/saml/airlock-test-key.pem",
    AIRLOCK_SIGNING_CERT: "tests/fixtures/saml/airlock-test-cert.pem",
    AIRLOCK_SAML_IDP_METADATA: buildIdpMetadata({
      entityId: IDP_ENTITY_ID,
      ssoUrl: "https://idp.example.com/sso",
      certificatesBase64: [testIdpKey.certificateBase64],
    }),
    AIRLOCK_ADMIN_GROUPS: "platform-admins",
    AIRLOCK_LOG_LEVEL: "warn",
    ...extra,
  };
}

/** Cookies a response sets, as `name=value` pairs for the next request. */
export function cookiesOf(response: Response): string[] {
  return response.headers.getSetCookie().map((c) => c.split(";")[0]);
}

export type SamlPerson = { email: string; name?: string; groups: string[] };
export const alice: SamlPerson = { email: "alice@example.com", name: "Alice Example", groups: ["engineering"] };

/** Starts SAML sign-in on `server` (`query` for /api/saml/login): the browser cookie and the AuthnRequest sent to the IdP. */
export async function startSamlSignIn(
  server: RunningServer,
  query = "callbackUrl=/",
): Promise<{ cookie: string; requestId: string; requestXml: string }> {
  const start = await fetch(`${server.url}/api/saml/login?${query}`, { redirect: "manual" });
  expect(start.status).toBe(302);
  const request = new URL(start.headers.get("location")!).searchParams.get("SAMLRequest")!;
  const requestXml = inflateRawSync(Buffer.from(request, "base64")).toString("utf8");
  return { cookie: cookiesOf(start).join("; "), requestId: /ID="([^"]+)"/.exec(requestXml)![1], requestXml };
}

/** Starts SAML sign-in on `server`: the browser cookie and a signed IdP answer to its request. */
export async function samlAnswerFrom(
  server: RunningServer,
  person: SamlPerson = { ...alice, groups: ["engineering", "platform-admins"] },
  /** The query of /api/saml/login: where to go afterwards, and whether the request is passive. */
  query = "callbackUrl=/",
  /** When the IdP says the person authenticated (the AuthnInstant); now unless given. */
  authnInstant?: Date,
): Promise<{ cookie: string; body: URLSearchParams }> {
  const { cookie, requestId } = await startSamlSignIn(server, query);
  const xml = signIdpResponse(
    buildIdpResponse({
      inResponseTo: requestId,
      authnInstant,
      nameId: person.email,
      attributes: { email: [person.email], name: [person.name ?? person.email], groups: person.groups },
    }),
    testIdpKey,
  );
  return {
    cookie,
    body: new URLSearchParams({ SAMLResponse: Buffer.from(xml).toString("base64"), RelayState: "/" }),
  };
}

export function postAcs(server: RunningServer, answer: { cookie: string; body: URLSearchParams }) {
  return fetch(`${server.url}/api/saml/acs`, {
    method: "POST",
    redirect: "manual",
    headers: { cookie: answer.cookie, "content-type": "application/x-www-form-urlencoded" },
    body: answer.body,
  });
}

/**
 * Posts a login ticket to next-auth as the sign-in page does, with the cookies of the browser that
 * holds it (its SAML binding cookie, and any session it already has) and any extra form `fields`.
 */
export async function postTicket(
  server: RunningServer,
  ticket: string,
  browserCookie = "",
  fields: Record<string, string> = {},
): Promise<Response> {
  const csrf = await fetch(`${server.url}/api/auth/csrf`);
  const { csrfToken } = (await csrf.json()) as { csrfToken: string };
  return fetch(`${server.url}/api/auth/callback/${SAML_TICKET_PROVIDER}`, {
    method: "POST",
    redirect: "manual",
    headers: {
      cookie: [...cookiesOf(csrf), browserCookie].filter(Boolean).join("; "),
      "content-type": "application/x-www-form-urlencoded",
    },
    body: new URLSearchParams({ csrfToken, ticket, callbackUrl: "/", json: "true", ...fields }),
  });
}

/** The session cookie a response sets (`name=value`), if any. */
export function sessionCookieOf(response: Response): string | undefined {
  return cookiesOf(response).find((c) => /^(__Secure-)?next-auth\.session-token=/.test(c));
}

/** Redeems a login ticket on `server` as {@link postTicket} does: the session cookie (`name=value`). */
export async function redeemTicket(server: RunningServer, ticket: string, browserCookie = ""): Promise<string> {
  const session = sessionCookieOf(await postTicket(server, ticket, browserCookie));
  expect(session, "a session cookie").toBeTruthy();
  return session!;
}

/** The login ticket in the ACS's redirect to the sign-in page. */
export function ticketOf(accepted: Response): string {
  expect(accepted.status).toBe(303);
  const location = accepted.headers.get("location")!;
  expect(location).toMatch(/^\/signin\/saml#ticket=/);
  return new URLSearchParams(location.split("#")[1]).get("ticket")!;
}

/** A full SAML sign-in of `person` on `server`: the session cookie (`name=value`). */
export async function signInOverHttp(
  server: RunningServer,
  person: SamlPerson = alice,
  { authnInstant }: { authnInstant?: Date } = {},
): Promise<string> {
  const answer = await samlAnswerFrom(server, person, "callbackUrl=/", authnInstant);
  return redeemTicket(server, ticketOf(await postAcs(server, answer)), answer.cookie);
}

/** A server whose corporate IdP is the test SAML IdP, with `person` signed in: the server and the session cookie. */
export async function startSignedInServer(
  person: SamlPerson = alice,
): Promise<{ server: RunningServer; session: string }> {
  const server = await startServer(samlServerEnv());
  return { server, session: await signInOverHttp(server, person) };
}
