import { randomUUID } from "node:crypto";
import { readFileSync } from "node:fs";
import { expect } from "vitest";
import { consumeLoginTicket, findLoginTicket } from "@/lib/auth/login-ticket";
import { resetEnvForTests } from "@/lib/env";
import { consumeSamlResponse } from "@/lib/saml/consume-response";
import { buildIdpMetadata } from "@/lib/saml/idp-metadata";
import { savePendingRequest } from "@/lib/saml/pending-requests";
import { parseSigningMaterial, type SigningMaterial } from "@/lib/saml/signing-key";
import { SamlRejection } from "@/lib/saml/validate-response";
import { IDP_ENTITY_ID } from "@/tests/support/saml-response-builder";
import type { TempDb } from "@/tests/support/temp-db";

/**
 * The ACS use case driven directly (no HTTP), as the corporate IdP and "this browser" would:
 * a pending request, the IdP's answer, the login ticket it yields, and the audit row of a refusal.
 */

export function loadTestIdpKey(): SigningMaterial {
  return parseSigningMaterial(
    readFileSync("tests/fixtures/saml/airlock-test-key.pem", "utf8"),
    readFileSync("tests/fixtures/saml/airlock-test-cert.pem", "utf8"),
  );
}

/** The settings of a SAML-only Airlock trusting the test IdP key; `extra` wins. */
export function configureSaml(temp: TempDb, idpKey: SigningMaterial, extra: Record<string, string | undefined> = {}) {
  Object.assign(process.env, {
    AIRLOCK_DEMO: "true",
    AIRLOCK_DATA_DIR: temp.dir,
    AIRLOCK_URL: "http://localhost:3000",
    AIRLOCK_SAML_IDP_METADATA: buildIdpMetadata({
      entityId: IDP_ENTITY_ID,
      ssoUrl: "https://idp.example.com/sso",
      certificatesBase64: [idpKey.certificateBase64],
    }),
    AIRLOCK_SAML_GROUPS_ATTRIBUTE: "groups",
    AIRLOCK_SAML_ALLOW_IDP_INITIATED: "false",
  });
  for (const [name, value] of Object.entries(extra)) {
    if (value === undefined) delete process.env[name];
    else process.env[name] = value;
  }
  resetEnvForTests();
}

export function acsHarness(temp: TempDb) {
  /** A fresh SP-initiated request from "this browser". */
  async function pending(relayState = "/"): Promise<{ requestId: string; nonce: string }> {
    const requestId = `_req${randomUUID()}`;
    const nonce = randomUUID().replace(/-/g, "");
    await savePendingRequest({ db: temp.db, requestId, browserNonce: nonce, relayState });
    return { requestId, nonce };
  }

  const submit = (xml: string, browserNonce?: string) =>
    consumeSamlResponse({ db: temp.db, samlResponse: Buffer.from(xml).toString("base64"), browserNonce });

  /** The identity a ticket signs in as in the browser holding `browserNonce`, using it up. */
  async function redeem(ticket: string | null, browserNonce: string) {
    if (!ticket) return null;
    const found = await findLoginTicket({ db: temp.db, ticket, browserNonce });
    if (found.status !== "valid" || !(await consumeLoginTicket({ db: temp.db, ticket }))) return null;
    return found.identity;
  }

  /** Refused with `reason`: no login ticket and an audit event naming the reason; returns the refusal. */
  async function expectRefused(attempt: () => Promise<unknown>, reason: string): Promise<SamlRejection> {
    const ticketsBefore = await temp.db.loginTicket.count();
    const error = await attempt().then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(error, `expected a refusal for ${reason}`).toBeInstanceOf(SamlRejection);
    expect((error as SamlRejection).reason).toBe(reason);
    expect(await temp.db.loginTicket.count()).toBe(ticketsBefore);
    const audit = await temp.db.auditEvent.findFirst({ orderBy: { createdAt: "desc" } });
    expect(audit).toMatchObject({ action: "signin", outcome: "failure", reason: `saml_${reason}` });
    return error as SamlRejection;
  }

  return { pending, submit, redeem, expectRefused };
}
