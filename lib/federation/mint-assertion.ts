import "server-only";
import { randomBytes } from "node:crypto";
import { buildRoleArn, buildSamlProviderArn } from "@/lib/aws/arn";
import type { SessionUser } from "@/lib/auth/session-user";
import type { Entitlement } from "@/lib/entitlements/entitlement";
import { normaliseRoleSessionName, normaliseSessionTags, normaliseSourceIdentity } from "@/lib/saml/aws-attributes";
import { buildAssertionResponse } from "@/lib/saml/build-assertion";
import { signAssertion } from "@/lib/saml/sign-assertion";
import type { SigningMaterial } from "@/lib/saml/signing-key";

export type MintedAssertion = {
  samlResponseBase64: string;
  roleArn: string;
  providerArn: string;
  sendsTags: boolean;
  sendsSourceIdentity: boolean;
};

function newId(): string {
  // SAML ids are xs:ID: they must not start with a digit.
  return `_${randomBytes(20).toString("hex")}`;
}

/**
 * Mints and signs the assertion for one STS call. Every value comes from the verified session and
 * the database entitlement; the assertion is good for five minutes and is never cached.
 */
export function mintAssertion({
  user,
  entitlement,
  durationSeconds,
  reason,
  issuer,
  recipient,
  audience,
  defaultProviderName,
  signing,
  now = new Date(),
}: {
  user: SessionUser;
  entitlement: Entitlement;
  durationSeconds: number;
  /** The person's reason, when given: sent as the session tag AirlockReason (CloudTrail shows it). */
  reason?: string;
  issuer: string;
  recipient: string;
  audience: string;
  defaultProviderName: string;
  signing: SigningMaterial;
  now?: Date;
}): MintedAssertion {
  const { partition, id: accountId } = entitlement.account;
  const roleArn = buildRoleArn({
    partition,
    accountId,
    path: entitlement.rolePath,
    name: entitlement.roleName,
  });
  const providerArn = buildSamlProviderArn({
    partition,
    accountId,
    name: entitlement.samlProviderName ?? defaultProviderName,
  });
  const tags = normaliseSessionTags([
    { key: "AirlockUser", value: user.email },
    { key: "AirlockGroups", value: entitlement.viaGroups.join(":") },
    ...(reason ? [{ key: "AirlockReason", value: reason }] : []),
    // A grant's sessions name the request that gave them, for CloudTrail correlation.
    ...(entitlement.grant ? [{ key: "AirlockRequest", value: entitlement.grant.requestId }] : []),
  ]);
  const unsigned = buildAssertionResponse({
    issuer,
    recipient,
    audience,
    responseId: newId(),
    assertionId: newId(),
    now,
    authnInstant: user.authenticatedAt,
    nameId: user.id,
    roleArn,
    providerArn,
    roleSessionName: normaliseRoleSessionName(user.email, user.id),
    sessionDurationSeconds: durationSeconds,
    sourceIdentity: normaliseSourceIdentity(user.username, user.id),
    tags,
  });
  const signed = signAssertion({ unsigned, signing });
  return {
    samlResponseBase64: Buffer.from(signed, "utf8").toString("base64"),
    roleArn,
    providerArn,
    sendsTags: tags.length > 0,
    sendsSourceIdentity: true,
  };
}
