import { AirlockLogo } from "@/components/airlock-logo";
import { listSignInMethods } from "@/lib/auth/sign-in-methods";
import { getEnv } from "@/lib/env";

export default function HomePage() {
  const methods = listSignInMethods(getEnv());
  return (
    <main className="flex min-h-screen items-center justify-center p-6">
      <div className="w-full max-w-md rounded-2xl border border-slate-200 bg-white p-8 shadow-sm">
        <div className="flex items-center gap-3">
          <AirlockLogo />
          <span className="text-xl font-semibold tracking-tight">Airlock</span>
        </div>
        <h1 className="mt-8 text-2xl font-semibold">Sign in to Airlock</h1>
        <p className="mt-2 text-slate-600">
          Reach the AWS accounts your team gives you, in the console or from your terminal, with your company identity.
        </p>
        {methods.length > 0 ? (
          <ul className="mt-6 space-y-3">
            {methods.map((method) => (
              <li key={method.id}>
                <a
                  href={method.href}
                  className="block w-full rounded-lg bg-slate-900 px-4 py-2.5 text-center font-medium text-white hover:bg-slate-700 focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-amber-500"
                >
                  {method.label}
                </a>
              </li>
            ))}
          </ul>
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
      </div>
    </main>
  );
}
