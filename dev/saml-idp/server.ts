import { randomBytes, X509Certificate } from "node:crypto";
import { readFileSync } from "node:fs";
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import * as samlify from "samlify";
import type { PostBindingContext } from "samlify/types/src/types";
import { SignedXml } from "xml-crypto";
import { ensureDemoSigningMaterial } from "@/lib/saml/demo-keys";
import { buildIdpMetadata } from "@/lib/saml/idp-metadata";
import * as validator from "@/lib/saml/schema-validator";
import { parseXmlStrict } from "@/lib/xml/parse-xml";
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
  answerSpLogout,
  readLogoutStatus,
  readNameId,
  readSpMessage,
  startIdpLogout,
  type SloContext,
} from "./single-logout";

/**
 * The demo corporate SAML IdP, built on samlify in the IdP role: metadata, a login form for the
 * HTTP-Redirect AuthnRequest, and a signed Response POSTed to the SP's ACS with email, name,
 * username and (multi-valued) groups attributes. It trusts the one SP it is configured with.
 * A sign-in leaves an IdP session (a cookie) behind: a later AuthnRequest is answered at once
 * unless it says ForceAuthn; an IsPassive one without a session gets a NoPassive status.
 * Single logout at /slo (single-logout.ts); its home page offers "Sign out everywhere".
 * Like Shibboleth, it encrypts the assertion (AES-256-GCM, RSA-OAEP) when the SP's metadata
 * publishes an encryption certificate, unless `encryptAssertions` is false.
 */

// The same schema validation as Airlock's own, run the same way: node-xmllint unwrapped leaves
// process-wide listeners behind and prints a blank line to stdout on every request.
samlify.setSchemaValidator(validator);

export type DemoSamlIdp = { url: string; entityId: string; server: Server; close: () => Promise<void> };

const esc = (v: string) => v.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

function attribute(name: string, values: string[]): string {
  const items = values
    .map(
      (v) =>
        `<saml:AttributeValue xmlns:xs="http://www.w3.org/2001/XMLSchema" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xsi:type="xs:string">${esc(v)}</saml:AttributeValue>`,
    )
    .join("");
  return `<saml:Attribute Name="${esc(name)}" NameFormat="urn:oasis:names:tc:SAML:2.0:attrname-format:basic">${items}</saml:Attribute>`;
}

export async function startDemoSamlIdp({
  port = 3002,
  host = "127.0.0.1",
  publicUrl = `http://localhost:${port}`,
  keyDir,
  spMetadataUrl,
  people: initialPeople = demoPeople,
  encryptAssertions = true,
}: {
  port?: number;
  host?: string;
  publicUrl?: string;
  keyDir: string;
  spMetadataUrl: string;
  people?: DemoPerson[];
  encryptAssertions?: boolean;
}): Promise<DemoSamlIdp> {
  const people = copyPeople(initialPeople);
  const { keyPath, certPath } = await ensureDemoSigningMaterial(keyDir, "Airlock demo SAML IdP");
  const privateKey = readFileSync(keyPath, "utf8");
  const entityId = `${publicUrl}/metadata`;
  // From metadata written as a corporate IdP publishes it: given settings instead, samlify builds
  // the metadata itself.
  const idpSettings = {
    metadata: buildIdpMetadata({
      entityId,
      ssoUrl: `${publicUrl}/sso`,
      sloUrl: `${publicUrl}/slo`,
      certificatesBase64: [new X509Certificate(readFileSync(certPath, "utf8")).raw.toString("base64")],
    }),
    privateKey,
    wantAuthnRequestsSigned: false,
  };
  const idp = samlify.IdentityProvider(idpSettings);
  // samlify's typings omit the algorithm settings its encryption reads (libsaml.encryptAssertion).
  const encryptingIdp = samlify.IdentityProvider({
    ...idpSettings,
    isAssertionEncrypted: true,
    dataEncryptionAlgorithm: "http://www.w3.org/2009/xmlenc11#aes256-gcm",
    keyEncryptionAlgorithm: "http://www.w3.org/2001/04/xmlenc#rsa-oaep-mgf1p",
  } as Parameters<typeof samlify.IdentityProvider>[0]);
  const responderFor = (sp: samlify.ServiceProviderInstance) =>
    encryptAssertions && sp.entityMeta.getX509Certificate("encryption") ? encryptingIdp : idp;

  async function serviceProvider(): Promise<samlify.ServiceProviderInstance> {
    const response = await fetch(spMetadataUrl);
    if (!response.ok) throw new Error(`cannot read the SP metadata at ${spMetadataUrl}`);
    return samlify.ServiceProvider({ metadata: await response.text() });
  }

  type LoginRequest = {
    sp: samlify.ServiceProviderInstance;
    parsed: Awaited<ReturnType<typeof idp.parseLoginRequest>>;
    id: string;
    isPassive: boolean;
    forceAuthn: boolean;
    relayState: string;
  };

  async function readLoginRequest(samlRequest: string, relayState: string): Promise<LoginRequest> {
    const sp = await serviceProvider();
    const parsed = await idp.parseLoginRequest(sp, "redirect", { query: { SAMLRequest: samlRequest } });
    const id = String(parsed.extract.request?.id ?? "");
    if (!id) throw new Error("the AuthnRequest has no ID");
    // samlify does not extract these two flags; read them from the request itself.
    const root = parseXmlStrict(parsed.samlContent);
    const flag = (name: string) => root?.getAttribute(name) === "true" || root?.getAttribute(name) === "1";
    return { sp, parsed, id, isPassive: flag("IsPassive"), forceAuthn: flag("ForceAuthn"), relayState };
  }

  function postToAcs(res: ServerResponse, request: LoginRequest, samlResponse: string, cookie?: string): void {
    const acs = request.sp.entityMeta.getAssertionConsumerService("post") as string;
    const { relayState } = request;
    const fields = `<input type="hidden" name="SAMLResponse" value="${esc(samlResponse)}">${relayState ? `<input type="hidden" name="RelayState" value="${esc(relayState)}">` : ""}`;
    res.writeHead(200, {
      "content-type": "text/html",
      "cache-control": "no-store",
      ...(cookie ? { "set-cookie": cookie } : {}),
    });
    res.end(
      `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Signing in</title></head><body onload="document.forms[0].submit()"><form method="post" action="${esc(acs)}">${fields}<noscript><button type="submit">Continue</button></noscript></form></body></html>`,
    );
  }

  async function respond(res: ServerResponse, person: DemoPerson, request: LoginRequest, session: IdpSession) {
    const { sp } = request;
    const now = new Date();
    const later = new Date(now.getTime() + 5 * 60 * 1000).toISOString();
    // When the person typed their password here, as real IdPs report it: a later answer from the
    // same IdP session keeps that time, and only a new login (ForceAuthn included) moves it.
    const authnInstant = new Date(sessions.get(session.id)?.authenticatedAt ?? now.getTime()).toISOString();
    const acs = sp.entityMeta.getAssertionConsumerService("post") as string;
    const ids = { response: `_${crypto.randomUUID()}`, assertion: `_${crypto.randomUUID()}` };
    // The assertion's id doubles as its SessionIndex: a logout names the sessions it ends by it.
    sessions.get(session.id)?.sessionIndexes.push(ids.assertion);
    // Encrypted, then signed: a signature over the plain response would not survive the encryption.
    const { context } = (await responderFor(sp).createLoginResponse(
      sp,
      { ...request.parsed },
      "post",
      { email: person.email },
      {
        relayState: request.relayState,
        encryptThenSign: true,
        customTagReplacement: (template: string) => {
          const withStatements = template
            .replace(
              "{AuthnStatement}",
              `<saml:AuthnStatement AuthnInstant="${authnInstant}" SessionIndex="${ids.assertion}"><saml:AuthnContext><saml:AuthnContextClassRef>urn:oasis:names:tc:SAML:2.0:ac:classes:PasswordProtectedTransport</saml:AuthnContextClassRef></saml:AuthnContext></saml:AuthnStatement>`,
            )
            .replace(
              "{AttributeStatement}",
              `<saml:AttributeStatement>${attribute("email", [person.email])}${attribute("name", [person.name])}${attribute("username", [person.username])}${person.groups.length ? attribute("groups", person.groups) : ""}</saml:AttributeStatement>`,
            );
          return {
            id: ids.response,
            context: samlify.SamlLib.replaceTagsByValue(withStatements, {
              ID: ids.response,
              AssertionID: ids.assertion,
              Destination: acs,
              Audience: sp.entityMeta.getEntityID(),
              SubjectRecipient: acs,
              Issuer: entityId,
              IssueInstant: now.toISOString(),
              StatusCode: "urn:oasis:names:tc:SAML:2.0:status:Success",
              ConditionsNotBefore: now.toISOString(),
              ConditionsNotOnOrAfter: later,
              SubjectConfirmationDataNotOnOrAfter: later,
              NameIDFormat: "urn:oasis:names:tc:SAML:2.0:nameid-format:persistent",
              NameID: `demo-${person.id}`,
              InResponseTo: request.id,
            }),
          };
        },
      },
    )) as PostBindingContext;
    postToAcs(res, request, context, session.cookie);
  }

  /** IsPassive without an IdP session: a signed Response with status Responder / NoPassive, as real IdPs send. */
  function respondNoPassive(res: ServerResponse, request: LoginRequest): void {
    const acs = request.sp.entityMeta.getAssertionConsumerService("post") as string;
    const xml =
      `<samlp:Response xmlns:samlp="urn:oasis:names:tc:SAML:2.0:protocol" xmlns:saml="urn:oasis:names:tc:SAML:2.0:assertion" ID="_${crypto.randomUUID()}" Version="2.0" IssueInstant="${new Date().toISOString()}" Destination="${esc(acs)}" InResponseTo="${esc(request.id)}">` +
      `<saml:Issuer>${esc(entityId)}</saml:Issuer>` +
      `<samlp:Status><samlp:StatusCode Value="urn:oasis:names:tc:SAML:2.0:status:Responder"><samlp:StatusCode Value="urn:oasis:names:tc:SAML:2.0:status:NoPassive"/></samlp:StatusCode></samlp:Status>` +
      `</samlp:Response>`;
    const signer = new SignedXml({
      privateKey,
      signatureAlgorithm: "http://www.w3.org/2001/04/xmldsig-more#rsa-sha256",
    });
    signer.canonicalizationAlgorithm = "http://www.w3.org/2001/10/xml-exc-c14n#";
    signer.addReference({
      xpath: "/*[local-name(.)='Response']",
      digestAlgorithm: "http://www.w3.org/2001/04/xmlenc#sha256",
      transforms: ["http://www.w3.org/2000/09/xmldsig#enveloped-signature", "http://www.w3.org/2001/10/xml-exc-c14n#"],
    });
    signer.computeSignature(xml, {
      prefix: "ds",
      location: { reference: "/*[local-name(.)='Response']/*[local-name(.)='Issuer']", action: "after" },
    });
    postToAcs(res, request, Buffer.from(signer.getSignedXml()).toString("base64"));
  }

  // The IdP session: who signed in at this IdP in this browser, and the session indexes it handed
  // out (memory only, like the demo itself).
  type IdpSession = { id: string; cookie?: string };
  const sessions = new Map<string, { personId: string; sessionIndexes: string[]; authenticatedAt: number }>();
  const CLEAR_SESSION = "demo_saml_idp_session=; Path=/; HttpOnly; SameSite=Lax; Max-Age=0";
  function sessionOf(req: IncomingMessage) {
    const id = /(?:^|;\s*)demo_saml_idp_session=([\w-]+)/.exec(req.headers.cookie ?? "")?.[1];
    const session = id ? sessions.get(id) : undefined;
    const person = people.find((p) => p.id === session?.personId);
    return id && session && person ? { id, person, sessionIndexes: session.sessionIndexes } : undefined;
  }
  function startSession(person: DemoPerson): IdpSession {
    const id = randomBytes(24).toString("base64url");
    sessions.set(id, { personId: person.id, sessionIndexes: [], authenticatedAt: Date.now() });
    return { id, cookie: `demo_saml_idp_session=${id}; Path=/; HttpOnly; SameSite=Lax` };
  }
  function endSessionsOf(nameId: string) {
    for (const [id, session] of sessions) if (`demo-${session.personId}` === nameId) sessions.delete(id);
  }
  const sloContext = async (): Promise<SloContext> => ({
    entityId,
    sloUrl: `${publicUrl}/slo`,
    privateKey,
    sp: await serviceProvider(),
  });

  async function handleSlo(req: IncomingMessage, res: ServerResponse, url: URL): Promise<void> {
    const ctx = await sloContext();
    const { param, root, relayState } = readSpMessage(ctx, url.search.slice(1));
    if (param === "SAMLRequest") {
      endSessionsOf(readNameId(root));
      return answerSpLogout(ctx, res, root.getAttribute("ID") ?? "", relayState, CLEAR_SESSION);
    }
    res.writeHead(200, { "content-type": "text/html", "cache-control": "no-store" });
    res.end(
      `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Demo SAML IdP</title></head><body><h1>Demo SAML IdP</h1><p role="status">${esc(readLogoutStatus(root))}</p></body></html>`,
    );
  }

  function renderHome(res: ServerResponse, current: ReturnType<typeof sessionOf>) {
    const body = current
      ? `<p>Signed in as ${esc(current.person.email)}.</p><p><a href="/logout">Sign out everywhere</a></p>`
      : "<p>Not signed in.</p>";
    res.writeHead(200, { "content-type": "text/html", "cache-control": "no-store" });
    res.end(
      `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Demo SAML IdP</title></head><body><h1>Demo SAML IdP</h1>${body}</body></html>`,
    );
  }

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? "/", publicUrl);
    if (await handlePeopleControl(req, res, url.pathname, people)) return;
    if (url.pathname === "/metadata") {
      res.writeHead(200, { "content-type": "application/samlmetadata+xml" });
      return void res.end(idp.getMetadata());
    }
    if (url.pathname === "/slo" && req.method === "GET") return handleSlo(req, res, url);
    if (url.pathname === "/" && req.method === "GET") return renderHome(res, sessionOf(req));
    if (url.pathname === "/logout" && req.method === "GET") {
      const current = sessionOf(req);
      if (!current) return renderHome(res, undefined);
      sessions.delete(current.id);
      const nameId = `demo-${current.person.id}`;
      return startIdpLogout(await sloContext(), res, { nameId, sessionIndexes: current.sessionIndexes }, CLEAR_SESSION);
    }
    if (url.pathname === "/sso" && req.method === "GET") {
      const hidden = {
        SAMLRequest: url.searchParams.get("SAMLRequest") ?? "",
        RelayState: url.searchParams.get("RelayState") ?? "",
      };
      const request = await readLoginRequest(hidden.SAMLRequest, hidden.RelayState);
      const current = request.forceAuthn ? undefined : sessionOf(req);
      if (current) return respond(res, current.person, request, { id: current.id });
      if (request.isPassive) return respondNoPassive(res, request);
      res.writeHead(200, { "content-type": "text/html", "cache-control": "no-store" });
      return void res.end(renderLoginPage({ title: "Demo SAML IdP", action: "/sso", hidden }));
    }
    if (url.pathname === "/sso" && req.method === "POST") {
      const form = await readForm(req);
      const hidden = { SAMLRequest: form.get("SAMLRequest") ?? "", RelayState: form.get("RelayState") ?? "" };
      const person = findPerson(form.get("email") ?? "", form.get("password") ?? "", people);
      if (!person) {
        res.writeHead(401, { "content-type": "text/html" });
        return void res.end(
          renderLoginPage({ title: "Demo SAML IdP", action: "/sso", hidden, error: "Wrong email or password." }),
        );
      }
      const request = await readLoginRequest(hidden.SAMLRequest, hidden.RelayState);
      return respond(res, person, request, startSession(person));
    }
    res.writeHead(404, { "content-type": "text/plain" });
    res.end("Not found");
  }

  const server = createServer((req, res) => {
    handle(req, res).catch((error: unknown) => sendSignInError(res, error));
  });
  return { ...(await listen(server, port, host)), entityId };
}
