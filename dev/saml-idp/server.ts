import { readFileSync } from "node:fs";
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import * as validator from "@authenio/samlify-node-xmllint";
import * as samlify from "samlify";
import type { PostBindingContext } from "samlify/types/src/types";
import { ensureDemoSigningMaterial } from "@/lib/saml/demo-keys";
import { findPerson, readForm, renderLoginPage, type DemoPerson } from "../demo-people";
import { listen, sendSignInError } from "../listen";

/**
 * The demo corporate SAML IdP, built on samlify in the IdP role: metadata, a login form for the
 * HTTP-Redirect AuthnRequest, and a signed Response POSTed to the SP's ACS with email, name,
 * username and (multi-valued) groups attributes. It trusts the one SP it is configured with.
 */

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
}: {
  port?: number;
  host?: string;
  publicUrl?: string;
  keyDir: string;
  spMetadataUrl: string;
}): Promise<DemoSamlIdp> {
  const { keyPath, certPath } = await ensureDemoSigningMaterial(keyDir, "Airlock demo SAML IdP");
  const entityId = `${publicUrl}/metadata`;
  const idp = samlify.IdentityProvider({
    entityID: entityId,
    privateKey: readFileSync(keyPath, "utf8"),
    signingCert: readFileSync(certPath, "utf8"),
    singleSignOnService: [{ Binding: samlify.Constants.namespace.binding.redirect, Location: `${publicUrl}/sso` }],
    nameIDFormat: ["urn:oasis:names:tc:SAML:2.0:nameid-format:persistent"],
    wantAuthnRequestsSigned: false,
  });

  async function serviceProvider(): Promise<samlify.ServiceProviderInstance> {
    const response = await fetch(spMetadataUrl);
    if (!response.ok) throw new Error(`cannot read the SP metadata at ${spMetadataUrl}`);
    return samlify.ServiceProvider({ metadata: await response.text() });
  }

  async function respond(
    res: ServerResponse,
    person: DemoPerson,
    samlRequest: string,
    relayState: string,
  ): Promise<void> {
    const sp = await serviceProvider();
    const parsed = await idp.parseLoginRequest(sp, "redirect", { query: { SAMLRequest: samlRequest } });
    const requestId = String(parsed.extract.request?.id ?? "");
    if (!requestId) throw new Error("the AuthnRequest has no ID");
    const now = new Date();
    const later = new Date(now.getTime() + 5 * 60 * 1000).toISOString();
    const acs = sp.entityMeta.getAssertionConsumerService("post") as string;
    const ids = { response: `_${crypto.randomUUID()}`, assertion: `_${crypto.randomUUID()}` };
    const { entityEndpoint, context } = (await idp.createLoginResponse(
      sp,
      { ...parsed },
      "post",
      { email: person.email },
      {
        relayState,
        customTagReplacement: (template: string) => {
          const withStatements = template
            .replace(
              "{AuthnStatement}",
              `<saml:AuthnStatement AuthnInstant="${now.toISOString()}" SessionIndex="${ids.assertion}"><saml:AuthnContext><saml:AuthnContextClassRef>urn:oasis:names:tc:SAML:2.0:ac:classes:PasswordProtectedTransport</saml:AuthnContextClassRef></saml:AuthnContext></saml:AuthnStatement>`,
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
              InResponseTo: requestId,
            }),
          };
        },
      },
    )) as PostBindingContext;
    const fields = `<input type="hidden" name="SAMLResponse" value="${esc(context)}">${relayState ? `<input type="hidden" name="RelayState" value="${esc(relayState)}">` : ""}`;
    res.writeHead(200, { "content-type": "text/html", "cache-control": "no-store" });
    res.end(
      `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Signing in</title></head><body onload="document.forms[0].submit()"><form method="post" action="${esc(entityEndpoint)}">${fields}<noscript><button type="submit">Continue</button></noscript></form></body></html>`,
    );
  }

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? "/", publicUrl);
    if (url.pathname === "/metadata") {
      res.writeHead(200, { "content-type": "application/samlmetadata+xml" });
      return void res.end(idp.getMetadata());
    }
    if (url.pathname === "/sso" && req.method === "GET") {
      const hidden = {
        SAMLRequest: url.searchParams.get("SAMLRequest") ?? "",
        RelayState: url.searchParams.get("RelayState") ?? "",
      };
      res.writeHead(200, { "content-type": "text/html", "cache-control": "no-store" });
      return void res.end(renderLoginPage({ title: "Demo SAML IdP", action: "/sso", hidden }));
    }
    if (url.pathname === "/sso" && req.method === "POST") {
      const form = await readForm(req);
      const hidden = { SAMLRequest: form.get("SAMLRequest") ?? "", RelayState: form.get("RelayState") ?? "" };
      const person = findPerson(form.get("email") ?? "", form.get("password") ?? "");
      if (!person) {
        res.writeHead(401, { "content-type": "text/html" });
        return void res.end(
          renderLoginPage({ title: "Demo SAML IdP", action: "/sso", hidden, error: "Wrong email or password." }),
        );
      }
      return respond(res, person, hidden.SAMLRequest, hidden.RelayState);
    }
    res.writeHead(404, { "content-type": "text/plain" });
    res.end("Not found");
  }

  const server = createServer((req, res) => {
    handle(req, res).catch((error: unknown) => sendSignInError(res, error));
  });
  return { ...(await listen(server, port, host)), entityId };
}
