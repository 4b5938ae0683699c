import "server-only";
import * as samlify from "samlify";
import { getEnv } from "@/lib/env";
import * as schemaValidator from "@/lib/saml/schema-validator";

/** Airlock as a SAML service provider (samlify), with the pure-JS schema validator. */

samlify.setSchemaValidator(schemaValidator);

export function buildSpEntityId(baseUrl: string): string {
  return `${baseUrl}/api/saml/sp/metadata`;
}

export function buildAcsUrl(baseUrl: string): string {
  return `${baseUrl}/api/saml/acs`;
}

let cached: samlify.ServiceProviderInstance | undefined;

export function getServiceProvider(): samlify.ServiceProviderInstance {
  if (cached) return cached;
  const env = getEnv();
  const skewMs = env.AIRLOCK_SAML_CLOCK_SKEW * 1000;
  cached = samlify.ServiceProvider({
    entityID: buildSpEntityId(env.AIRLOCK_URL),
    assertionConsumerService: [
      { Binding: samlify.Constants.namespace.binding.post, Location: buildAcsUrl(env.AIRLOCK_URL) },
    ],
    nameIDFormat: [
      "urn:oasis:names:tc:SAML:2.0:nameid-format:persistent",
      "urn:oasis:names:tc:SAML:1.1:nameid-format:emailAddress",
    ],
    authnRequestsSigned: false,
    wantAssertionsSigned: true,
    clockDrifts: [-skewMs, skewMs],
  });
  return cached;
}
