import "server-only";
import { randomUUID } from "node:crypto";
import { recordAuditEvent } from "@/lib/audit/record";
import type { Db } from "@/lib/db/client";
import { getEnv } from "@/lib/env";
import { log } from "@/lib/log";
import { getCorporateIdp, type CorporateIdp } from "@/lib/saml/corporate-idp";
import { checkLogoutRequest, checkLogoutResponse, type LogoutExpectations } from "@/lib/saml/logout-checks";
import { buildLogoutResponseXml, STATUS } from "@/lib/saml/logout-messages";
import { consumePendingRequest } from "@/lib/saml/pending-requests";
import { readSignedLogoutMessage, type SloMessage } from "@/lib/saml/read-logout-message";
import { buildSignedRedirectUrl } from "@/lib/saml/redirect-binding";
import { markAssertionConsumed } from "@/lib/saml/replay-cache";
import { SamlRejection } from "@/lib/saml/saml-rejection";
import { buildSloUrl, buildSpEntityId } from "@/lib/saml/service-provider";
import { getSigningMaterial } from "@/lib/saml/signing-key";
import { revokeIdpSessions } from "@/lib/sessions/revoke-idp-sessions";

/**
 * Airlock's SAML SingleLogoutService. An IdP's LogoutRequest (IdP-initiated logout) ends the
 * sessions it names and is answered with a signed LogoutResponse; an IdP's LogoutResponse ends
 * this browser's SP-initiated logout. Either must carry a valid signature by the IdP's pinned
 * certificates, be addressed here, come from the IdP's entity id, be recent, and be used once
 * (a request by its ID in the replay cache, a response by its pending request). Anything else is
 * refused, audited, and ends nothing.
 */

export const SIGNED_OUT_PATH = "/signin?signedOut=1";
export const IDP_LOGOUT_FAILED_PATH = "/signin?signedOut=1&idpLogout=failed";

export type SloOutcome = { location: string } | { refused: SamlRejection };

type Client = { ip?: string; userAgent?: string };

function audit(db: Db, client: Client, event: { outcome: "success" | "failure"; reason?: string; details: object }) {
  return recordAuditEvent({
    db,
    event: {
      action: "logout",
      outcome: event.outcome,
      reason: event.reason,
      clientIp: client.ip,
      userAgent: client.userAgent,
      details: { method: "saml", ...event.details },
    },
  });
}

async function answerLogoutRequest(
  db: Db,
  corporate: CorporateIdp,
  message: SloMessage,
  expect: LogoutExpectations,
  client: Client,
) {
  const request = checkLogoutRequest(message.root, expect);
  if (!(await markAssertionConsumed({ db, assertionId: `logout:${request.id}`, expiresAt: request.replayUntil })))
    throw new SamlRejection("replayed", "saml_replayed", `LogoutRequest ${request.id} was already used.`);
  const sessions = await revokeIdpSessions({
    db,
    idp: `saml:${corporate.entityId}`,
    subject: request.nameId,
    idpSessionIds: request.sessionIndexes,
    reason: "signed out at the identity provider",
    now: expect.now,
  });
  await audit(db, client, {
    outcome: "success",
    details: { initiatedBy: "idp", sessions, sessionIndexes: request.sessionIndexes.length },
  });
  // No endpoint to answer at: the sessions have ended, and the person is told so here.
  if (!corporate.sloUrl) return SIGNED_OUT_PATH;
  const xml = buildLogoutResponseXml({
    id: `_${randomUUID()}`,
    now: expect.now,
    destination: corporate.sloUrl,
    issuer: buildSpEntityId(getEnv().AIRLOCK_URL),
    inResponseTo: request.id,
    status: STATUS.success,
  });
  return buildSignedRedirectUrl({
    endpoint: corporate.sloUrl,
    param: "SAMLResponse",
    xml,
    relayState: message.relayState,
    privateKey: getSigningMaterial().privateKey,
  });
}

async function acceptLogoutResponse(
  db: Db,
  message: SloMessage,
  expect: LogoutExpectations,
  browserNonce: string | undefined,
  client: Client,
) {
  const response = checkLogoutResponse(message.root, expect);
  const requestId = response.inResponseTo;
  if (!(await consumePendingRequest({ db, requestId, browserNonce, kind: "logout", now: expect.now })))
    throw new SamlRejection(
      "unknown_request",
      "saml_request_unknown",
      `InResponseTo ${requestId} does not match a logout this browser started.`,
    );
  const status = response.statusCodes.join(" / ");
  await audit(db, client, {
    outcome: response.isSuccess ? "success" : "failure",
    reason: response.isSuccess ? undefined : "saml_logout_status",
    details: { initiatedBy: "airlock", status },
  });
  return response.isSuccess ? SIGNED_OUT_PATH : IDP_LOGOUT_FAILED_PATH;
}

export async function handleSamlSlo({
  db,
  rawQuery,
  form,
  browserNonce,
  client = {},
  now = new Date(),
}: {
  db: Db;
  rawQuery: string;
  form?: URLSearchParams;
  browserNonce?: string;
  client?: Client;
  now?: Date;
}): Promise<SloOutcome> {
  try {
    const corporate = await getCorporateIdp();
    const env = getEnv();
    const expect = {
      idpEntityId: corporate.entityId,
      sloUrl: buildSloUrl(env.AIRLOCK_URL),
      now,
      skewSeconds: env.AIRLOCK_SAML_CLOCK_SKEW,
    };
    const message = readSignedLogoutMessage({ rawQuery, form, certificatesPem: corporate.certificatesPem });
    const location =
      message.param === "SAMLRequest"
        ? await answerLogoutRequest(db, corporate, message, expect, client)
        : await acceptLogoutResponse(db, message, expect, browserNonce, client);
    return { location };
  } catch (error) {
    const refused =
      error instanceof SamlRejection
        ? error
        : new SamlRejection("internal_error", "saml_invalid", "The logout message could not be processed.");
    if (!(error instanceof SamlRejection)) log.error("saml_slo_failed", { error });
    await audit(db, client, {
      outcome: "failure",
      reason: `saml_logout_${refused.reason}`,
      details: { message: refused.message },
    }).catch(() => undefined);
    return { refused };
  }
}
