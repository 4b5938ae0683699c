import type { Env } from "@/lib/env";

export type SignInMethod = { id: "oidc" | "saml"; label: string; href: string };

/** The sign-in methods the configuration enables, in the order the sign-in page shows them. */
export function listSignInMethods(env: Pick<Env, "AIRLOCK_OIDC_ISSUER" | "AIRLOCK_SAML_IDP_METADATA">): SignInMethod[] {
  const methods: SignInMethod[] = [];
  if (env.AIRLOCK_OIDC_ISSUER)
    methods.push({ id: "oidc", label: "Sign in with your company account (OIDC)", href: "/api/auth/signin/oidc" });
  if (env.AIRLOCK_SAML_IDP_METADATA)
    methods.push({ id: "saml", label: "Sign in with your company account (SAML)", href: "/api/saml/login" });
  return methods;
}
