import "server-only";
import * as samlify from "samlify";
import type { ServiceProviderSettings } from "samlify/types/src/types";
import { getEnv, type Env } from "@/lib/env";
import { getEncryptionMaterial } from "@/lib/saml/encryption-key";
import { NAMEID_FORMAT } from "@/lib/saml/identity-attributes";
import * as schemaValidator from "@/lib/saml/schema-validator";
import { getSigningMaterial } from "@/lib/saml/signing-key";

/** Airlock as a SAML service provider (samlify), with the pure-JS schema validator. */

samlify.setSchemaValidator(schemaValidator);

export function buildSpEntityId(baseUrl: string): string {
  return `${baseUrl}/api/saml/sp/metadata`;
}

export function buildAcsUrl(baseUrl: string): string {
  return `${baseUrl}/api/saml/acs`;
}

/** Single logout: where the IdP sends LogoutRequests and answers Airlock's (both bindings). */
export function buildSloUrl(baseUrl: string): string {
  return `${baseUrl}/api/saml/slo`;
}

function buildSettings(env: Env): ServiceProviderSettings {
  const skewMs = env.AIRLOCK_SAML_CLOCK_SKEW * 1000;
  const encryption = getEncryptionMaterial();
  return {
    entityID: buildSpEntityId(env.AIRLOCK_URL),
    assertionConsumerService: [
      { Binding: samlify.Constants.namespace.binding.post, Location: buildAcsUrl(env.AIRLOCK_URL) },
    ],
    singleLogoutService: [
      { Binding: samlify.Constants.namespace.binding.redirect, Location: buildSloUrl(env.AIRLOCK_URL) },
      { Binding: samlify.Constants.namespace.binding.post, Location: buildSloUrl(env.AIRLOCK_URL) },
    ],
    // The first is what the AuthnRequest asks for: a persistent NameID, unless people are keyed on
    // an attribute (then any NameID will do, and asking for persistent would make some IdPs refuse).
    nameIDFormat: env.AIRLOCK_SAML_SUBJECT_ATTRIBUTE
      ? [NAMEID_FORMAT.unspecified, NAMEID_FORMAT.persistent, NAMEID_FORMAT.emailAddress]
      : [NAMEID_FORMAT.persistent, NAMEID_FORMAT.emailAddress],
    // A person's first sign-in needs the IdP to create their persistent identifier for Airlock.
    allowCreate: true,
    authnRequestsSigned: false,
    // Airlock accepts a signature over the assertion or over the whole response (either covers the
    // assertion), so the metadata must not claim that the assertion itself has to be signed.
    wantAssertionsSigned: false,
    ...(encryption ? { encryptCert: encryption.certificateBase64 } : {}),
    clockDrifts: [-skewMs, skewMs],
  };
}

let cached: { env: Env; sp: samlify.ServiceProviderInstance } | undefined;

/** The SP that builds AuthnRequests and parses responses, for the current settings (it needs no key of Airlock's). */
export function getServiceProvider(): samlify.ServiceProviderInstance {
  const env = getEnv();
  if (cached?.env !== env) cached = { env, sp: samlify.ServiceProvider(buildSettings(env)) };
  return cached.sp;
}

/**
 * The SP as its metadata describes it: the same settings, plus the certificate of the key Airlock
 * signs its logout messages with (its one SAML signing key: see start-logout.ts).
 */
export function getMetadataServiceProvider(): samlify.ServiceProviderInstance {
  return samlify.ServiceProvider({ ...buildSettings(getEnv()), signingCert: getSigningMaterial().certificatePem });
}
