import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { z } from "zod";
import { AuthCard } from "@/components/auth-card";
import { IdpRoundTrip } from "@/components/idp-round-trip";
import { safeRelativePath } from "@/lib/auth/redirects";
import { listSignInMethods } from "@/lib/auth/sign-in-methods";
import { getEnv } from "@/lib/env";

export const metadata: Metadata = { title: "Checking your groups" };

const refreshQuerySchema = z.object({
  idp: z.enum(["oidc", "saml"]),
  callbackUrl: z.string().optional(),
  interactive: z.literal("1").optional(),
  fresh: z.literal("1").optional(),
});

// /signin/refresh?idp=oidc|saml&callbackUrl=/path[&interactive=1[&fresh=1]]: refreshes the person's groups
// with their IdP; fresh: the IdP authenticates them anew (a role's step-up)
export default async function RefreshGroupsPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const query = refreshQuerySchema.safeParse(await searchParams);
  const method = query.success && listSignInMethods(getEnv()).find((m) => m.id === query.data.idp);
  if (!query.success || !method) notFound();
  const env = getEnv();
  const idpName = method.id === "oidc" ? env.AIRLOCK_OIDC_NAME : env.AIRLOCK_SAML_NAME;
  const passive = !query.data.interactive;
  const fresh = !passive && query.data.fresh === "1";
  return (
    <AuthCard title={passive ? "Checking your groups" : fresh ? "Confirm it's you" : "Signing in"}>
      <IdpRoundTrip
        idp={method.id}
        callbackUrl={safeRelativePath(query.data.callbackUrl)}
        passive={passive}
        fresh={fresh}
        message={
          passive
            ? `Checking your groups with ${idpName}…`
            : fresh
              ? `The role you chose asks for a recent sign-in: ${idpName} will ask you to sign in again…`
              : `Signing you in with ${idpName}…`
        }
      />
    </AuthCard>
  );
}
