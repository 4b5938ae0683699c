import type { Metadata } from "next";
import { AuthCard } from "@/components/auth-card";
import { SamlTicketRedeemer } from "@/components/saml-ticket-redeemer";
import { SAML_TICKET_PROVIDER } from "@/lib/auth/provider-ids";
import { getSessionUser } from "@/lib/auth/session";

export const metadata: Metadata = { title: "Signing in" };

export default async function SamlCompletePage() {
  // Who this browser is signed in as, for the question before switching to someone else.
  const current = await getSessionUser();
  return (
    <AuthCard title="Signing in">
      <SamlTicketRedeemer provider={SAML_TICKET_PROVIDER} signedInAs={current?.email} />
    </AuthCard>
  );
}
