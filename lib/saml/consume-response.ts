import "server-only";
import { recordAuditEvent } from "@/lib/audit/record";
import { buildIdentity, type VerifiedIdentity } from "@/lib/auth/identity";
import { readIdpAuthTime } from "@/lib/auth/idp-auth-time";
import { createLoginTicket } from "@/lib/auth/login-ticket";
import { safeRelativePath } from "@/lib/auth/redirects";
import type { Db } from "@/lib/db/client";
import { getEnv } from "@/lib/env";
import { isAppError } from "@/lib/errors";
import { databaseUnavailableMessage, isDatabaseUnavailable } from "@/lib/db/errors";
import { log } from "@/lib/log";
import { newBrowserNonce } from "@/lib/saml/browser-binding";
import { getCorporateIdp } from "@/lib/saml/corporate-idp";
import { findSubjectConflict } from "@/lib/auth/users";
import { chooseSubject } from "@/lib/saml/choose-subject";
import { getEncryptionMaterial } from "@/lib/saml/encryption-key";
import { EMAIL_ATTRIBUTES, NAME_ATTRIBUTES, USERNAME_ATTRIBUTES } from "@/lib/saml/identity-attributes";
import { consumePendingRequest } from "@/lib/saml/pending-requests";
import { markAssertionConsumed } from "@/lib/saml/replay-cache";
import { checkWithSamlify } from "@/lib/saml/samlify-gate";
import { buildAcsUrl, buildSpEntityId } from "@/lib/saml/service-provider";
import {
  MAX_SAML_RESPONSE_BYTES,
  SamlRejection,
  SamlStatusRejection,
  validateSamlResponse,
  type ValidatedAssertion,
} from "@/lib/saml/validate-response";
import type { SamlIdpLogout } from "@/lib/sessions/idp-logout";
import { checkXmlShape } from "@/lib/xml/check-xml-shape";

/**
 * The ACS use case: verify the corporate IdP's response (Airlock's own checks, then samlify's),
 * refuse replays and answers to requests this browser did not make, then hand the verified
 * identity to next-auth as a one-time login ticket that only this browser can redeem (by its
 * binding cookie; an IdP-initiated sign-in gets a fresh one). Every refusal is audited with its reason.
 * An IdP that cannot answer this browser's passive request without the person is not a refusal:
 * the person signs in interactively instead.
 */

function firstOf(attributes: Record<string, string[]>, names: string[]): string | undefined {
  for (const name of names) if (attributes[name]?.[0]) return attributes[name][0];
  return undefined;
}

function identityOf(assertion: ValidatedAssertion): VerifiedIdentity {
  const env = getEnv();
  const subject = chooseSubject({ ...assertion, subjectAttribute: env.AIRLOCK_SAML_SUBJECT_ATTRIBUTE });
  const email =
    firstOf(assertion.attributes, EMAIL_ATTRIBUTES) ?? (assertion.nameId.includes("@") ? assertion.nameId : undefined);
  if (!email)
    throw new SamlRejection(
      "no_email",
      "saml_no_email",
      `The IdP verified the person but did not release an email address: Airlock reads it from the attribute ${EMAIL_ATTRIBUTES.join(", ")} (first found), or from an email-shaped NameID. Release one of them to Airlock at the IdP.`,
    );
  try {
    return buildIdentity({
      idp: `saml:${assertion.issuer}`,
      claims: {
        subject,
        email,
        name: firstOf(assertion.attributes, NAME_ATTRIBUTES),
        username: firstOf(assertion.attributes, USERNAME_ATTRIBUTES),
      },
      groups: assertion.attributes[env.AIRLOCK_SAML_GROUPS_ATTRIBUTE] ?? [],
    });
  } catch {
    throw new SamlRejection(
      "missing_attributes",
      "saml_invalid",
      `The assertion's email address (${email.slice(0, 100)}) or subject is not usable.`,
    );
  }
}

/**
 * Refuses a sign-in that would silently make a second person: this IdP already vouched for this
 * email under another subject (the NameID changed, or AIRLOCK_SAML_SUBJECT_ATTRIBUTE was set or
 * changed). An administrator moves the existing user to the new subject (the deployment guide says how).
 */
async function assertSameSubject(db: Db, identity: VerifiedIdentity): Promise<void> {
  const existing = await findSubjectConflict({ db, identity });
  if (existing)
    throw new SamlRejection(
      "subject_changed",
      "saml_subject_changed",
      `Airlock already knows ${identity.email} from this IdP under the subject ${existing.subject}, but this sign-in identifies them as ${identity.subject}: the IdP's NameID or AIRLOCK_SAML_SUBJECT_ATTRIBUTE changed. Migrate the user to the new subject ("Changing how SAML users are identified" in the deployment guide) before they sign in.`,
    );
}

/** Where to sign in interactively when `rejection` answers this browser's passive request; else null. */
async function findDeclinedPassiveRequest({
  db,
  rejection,
  browserNonce,
  now,
}: {
  db: Db;
  rejection: SamlStatusRejection;
  browserNonce?: string;
  now: Date;
}): Promise<string | null> {
  if (!rejection.inResponseTo) return null;
  const pending = await consumePendingRequest({ db, requestId: rejection.inResponseTo, browserNonce, now });
  return pending?.passive ? safeRelativePath(pending.relayState) : null;
}

type Verified =
  | {
      identity: VerifiedIdentity;
      logout: SamlIdpLogout;
      callbackUrl: string;
      passive: boolean;
      idpAuthenticatedAt: Date | null;
    }
  | { identity: null; callbackUrl: string };

async function verify({
  db,
  samlResponse,
  relayState,
  browserNonce,
  now,
}: {
  db: Db;
  samlResponse: string;
  relayState?: string;
  browserNonce?: string;
  now: Date;
}): Promise<Verified> {
  const env = getEnv();
  if (samlResponse.length > (MAX_SAML_RESPONSE_BYTES * 4) / 3 + 4)
    throw new SamlRejection("too_large", "saml_too_large", "The SAML response is too large.");
  if (!/^[A-Za-z0-9+/=\r\n]+$/.test(samlResponse))
    throw new SamlRejection("not_base64", "saml_invalid", "SAMLResponse is not base64.");
  const xml = Buffer.from(samlResponse, "base64").toString("utf8");
  // Before any parser sees it: nesting and element floods cost parse time before any signature check.
  const shape = checkXmlShape(xml);
  if (shape) throw new SamlRejection(shape.reason, "saml_invalid", shape.message);

  let corporate;
  try {
    corporate = await getCorporateIdp();
  } catch (error) {
    throw new SamlRejection(
      "metadata_unavailable",
      "saml_unavailable",
      isAppError(error) ? error.message : "IdP metadata unavailable",
    );
  }
  let assertion: ValidatedAssertion;
  try {
    assertion = validateSamlResponse(xml, {
      idpEntityId: corporate.entityId,
      idpCertificatesPem: corporate.certificatesPem,
      spEntityId: buildSpEntityId(env.AIRLOCK_URL),
      acsUrl: buildAcsUrl(env.AIRLOCK_URL),
      now,
      skewSeconds: env.AIRLOCK_SAML_CLOCK_SKEW,
      decryptionKeys: [getEncryptionMaterial()?.privateKey].filter((k) => k !== undefined),
    });
  } catch (error) {
    // No identity is read from such an answer and the next step is the ordinary sign-in (which
    // anyone may start), so it needs no signature: only the binding to this browser's request.
    if (error instanceof SamlStatusRejection) {
      const callbackUrl = await findDeclinedPassiveRequest({ db, rejection: error, browserNonce, now });
      if (callbackUrl) return { identity: null, callbackUrl };
    }
    throw error;
  }
  await checkWithSamlify(corporate.idp, assertion);

  if (!(await markAssertionConsumed({ db, assertionId: assertion.assertionId, expiresAt: assertion.expiresAt }))) {
    throw new SamlRejection("replayed", "saml_replayed", `Assertion ${assertion.assertionId} was already used.`);
  }
  let callbackUrl: string;
  let passive = false;
  if (assertion.inResponseTo) {
    const pending = await consumePendingRequest({
      db,
      requestId: assertion.inResponseTo,
      browserNonce,
      now,
    });
    if (!pending)
      throw new SamlRejection(
        "unknown_request",
        "saml_request_unknown",
        `InResponseTo ${assertion.inResponseTo} does not match a pending request from this browser.`,
      );
    callbackUrl = safeRelativePath(pending.relayState);
    passive = pending.passive;
  } else {
    if (!env.AIRLOCK_SAML_ALLOW_IDP_INITIATED)
      throw new SamlRejection(
        "unsolicited",
        "saml_unsolicited",
        "IdP-initiated sign-in is turned off (AIRLOCK_SAML_ALLOW_IDP_INITIATED).",
      );
    callbackUrl = safeRelativePath(relayState);
  }
  const identity = identityOf(assertion);
  await assertSameSubject(db, identity);
  const logout: SamlIdpLogout = { protocol: "saml", ...assertion.logoutHandle };
  const idpAuthenticatedAt = readIdpAuthTime({
    ms: assertion.authnInstant,
    now,
    skewSeconds: env.AIRLOCK_SAML_CLOCK_SKEW,
  });
  return { identity, logout, callbackUrl, passive, idpAuthenticatedAt };
}

/** The verified response as a login ticket; `ticket: null` when the person must sign in interactively. */
export async function consumeSamlResponse(input: {
  db: Db;
  samlResponse: string;
  relayState?: string;
  browserNonce?: string;
  client?: { ip?: string; userAgent?: string };
  now?: Date;
}): Promise<{ ticket: string | null; callbackUrl: string; browserNonce: string }> {
  const { db, client } = input;
  const now = input.now ?? new Date();
  try {
    const verified = await verify({ ...input, now });
    const browserNonce = input.browserNonce ?? newBrowserNonce();
    if (!verified.identity) {
      log.info("saml_passive_declined", { callbackUrl: verified.callbackUrl });
      return { ticket: null, callbackUrl: verified.callbackUrl, browserNonce };
    }
    const { identity, logout, callbackUrl, passive, idpAuthenticatedAt } = verified;
    const ticket = await createLoginTicket({ db, identity, logout, browserNonce, passive, idpAuthenticatedAt, now });
    return { ticket, callbackUrl, browserNonce };
  } catch (error) {
    const rejection =
      error instanceof SamlRejection
        ? error
        : isDatabaseUnavailable(error)
          ? new SamlRejection("database_unavailable", "database_unavailable", databaseUnavailableMessage)
          : new SamlRejection("internal_error", "saml_invalid", "The SAML response could not be processed.");
    if (!(error instanceof SamlRejection)) log.error("saml_acs_failed", { error });
    // With the database down the audit write fails too (and says so in the log); the person is
    // still told why the sign-in failed, and nothing was granted.
    await recordAuditEvent({
      db,
      event: {
        action: "signin",
        outcome: "failure",
        reason: `saml_${rejection.reason}`,
        clientIp: client?.ip,
        userAgent: client?.userAgent,
        details: { method: "saml", message: rejection.message },
      },
    }).catch(() => undefined);
    throw rejection;
  }
}
