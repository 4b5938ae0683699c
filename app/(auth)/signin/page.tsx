import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { AuthCard } from "@/components/auth-card";
import { SignInButtons } from "@/components/sign-in-buttons";
import { safeRelativePath } from "@/lib/auth/redirects";
import { getSessionUser } from "@/lib/auth/session";
import { listSignInMethods } from "@/lib/auth/sign-in-methods";
import { getEnv } from "@/lib/env";

export const metadata: Metadata = { title: "Sign in" };

export default async function SignInPage({ searchParams }: { searchParams: Promise<{ callbackUrl?: string }> }) {
  const callbackUrl = safeRelativePath((await searchParams).callbackUrl);
  if (await getSessionUser()) redirect(callbackUrl);
  const methods = listSignInMethods(getEnv());
  return (
    <AuthCard title="Sign in to Airlock">
      <p className="mt-2 text-slate-600">
        Reach the AWS accounts your team gives you, in the console or from your terminal, with your company identity.
      </p>
      {methods.length > 0 ? (
        <SignInButtons methods={methods} callbackUrl={callbackUrl} />
      ) : (
        <div role="status" className="mt-6 rounded-lg border border-amber-300 bg-amber-50 p-4 text-sm text-amber-900">
          <p className="font-medium">No sign-in method is configured yet.</p>
          <p className="mt-1">
            An administrator needs to set <code className="font-mono">AIRLOCK_OIDC_ISSUER</code> or{" "}
            <code className="font-mono">AIRLOCK_SAML_IDP_METADATA</code> to connect Airlock to your company&apos;s
            identity provider.
          </p>
        </div>
      )}
    </AuthCard>
  );
}
