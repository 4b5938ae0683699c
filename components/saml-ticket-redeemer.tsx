"use client";

import { signIn } from "next-auth/react";
import { useEffect, useRef } from "react";

/**
 * Hands the one-time SAML login ticket to next-auth. The ticket travels in the URL fragment,
 * which browsers never send to a server or put in a Referer.
 */
export function SamlTicketRedeemer({ provider }: { provider: string }) {
  const started = useRef(false);
  useEffect(() => {
    if (started.current) return;
    started.current = true;
    const fragment = new URLSearchParams(window.location.hash.slice(1));
    const ticket = fragment.get("ticket") ?? "";
    const callbackUrl = fragment.get("callbackUrl") ?? "/";
    window.history.replaceState(null, "", window.location.pathname);
    void signIn(provider, { ticket, callbackUrl });
  }, [provider]);
  return (
    <p role="status" className="mt-3 text-slate-600">
      Signing you in…
    </p>
  );
}
