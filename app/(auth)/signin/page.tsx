import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { AuthCard } from "@/components/auth-card";
import { SignInButtons } from "@/components/sign-in-buttons";
import { SignedOutNotice } from "@/components/signed-out-notice";
import { safeRelativePath } from "@/lib/auth/redirects";
import { getSessionUser } from "@/lib/auth/session";
import { listSignInMethods } from "@/lib/auth/sign-in-methods";
import { getEnv } from "@/lib/env";
import { describeSignInError } from "@/lib/auth/sign-in-errors";

export const metadata: Metadata = { title: "Sign in" };

export default async function SignInPage({
  searchParams,
}: {
  searchParams: Promise<{ callbackUrl?: string; error?: string; signedOut?: string }>;
}) {
  const { callbackUrl: requested, error, signedOut } = await searchParams;
  const callbackUrl = safeRelativePath(requested);
  if (await getSessionUser()) redirect(callbackUrl);
  const methods = listSignInMethods(getEnv());
  return (
    <AuthCard title="Sign in to Airlock">
      <p className="mt-2 text-slate-600">
        Reach the AWS accounts your team gives you, in the console or from your terminal, with your company identity.
      </p>
      {signedOut === "1" && <SignedOutNotice />}
      {error && (
        <p role="alert" className="mt-4 rounded-lg border border-red-200 bg-red-50 p-3 text-sm text-red-800">
          {describeSignInError(error)}
        </p>
      )}
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
