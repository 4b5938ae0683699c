import type { Env } from "@/lib/env";

export type SignInMethod = { id: "oidc" | "saml"; label: string };

/** The sign-in methods the configuration enables, in the order the sign-in page shows them. */
export function listSignInMethods(
  env: Pick<Env, "AIRLOCK_OIDC_ISSUER" | "AIRLOCK_SAML_IDP_METADATA" | "AIRLOCK_OIDC_NAME" | "AIRLOCK_SAML_NAME">,
): SignInMethod[] {
  const methods: SignInMethod[] = [];
  if (env.AIRLOCK_OIDC_ISSUER) methods.push({ id: "oidc", label: `Sign in with ${env.AIRLOCK_OIDC_NAME}` });
  if (env.AIRLOCK_SAML_IDP_METADATA) methods.push({ id: "saml", label: `Sign in with ${env.AIRLOCK_SAML_NAME}` });
  return methods;
}
