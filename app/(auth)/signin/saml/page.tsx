import type { Metadata } from "next";
import { AuthCard } from "@/components/auth-card";
import { SamlTicketRedeemer } from "@/components/saml-ticket-redeemer";
import { SAML_TICKET_PROVIDER } from "@/lib/auth/provider-ids";

export const metadata: Metadata = { title: "Signing in" };

export default function SamlCompletePage() {
  return (
    <AuthCard title="Signing in">
      <SamlTicketRedeemer provider={SAML_TICKET_PROVIDER} />
    </AuthCard>
  );
}
