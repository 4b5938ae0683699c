"use client";

import { signIn } from "next-auth/react";
import { useEffect, useRef } from "react";

/**
 * Sends the browser through the IdP and on to `callbackUrl`. Passive: the IdP answers without the
 * person (OIDC `prompt=none`, SAML `IsPassive`) when its own session is alive, and otherwise Airlock
 * continues with an ordinary sign-in.
 */
export function IdpRoundTrip({
  idp,
  callbackUrl,
  passive,
  message,
}: {
  idp: "oidc" | "saml";
  callbackUrl: string;
  passive: boolean;
  message: string;
}) {
  const started = useRef(false);
  useEffect(() => {
    if (started.current) return;
    started.current = true;
    if (idp === "oidc") {
      void signIn("oidc", { callbackUrl }, passive ? { prompt: "none" } : undefined);
      return;
    }
    const query = new URLSearchParams({ callbackUrl });
    if (passive) query.set("passive", "1");
    window.location.replace(`/api/saml/login?${query.toString()}`);
  }, [idp, callbackUrl, passive]);
  return (
    <p role="status" className="mt-3 text-slate-600">
      {message}
    </p>
  );
}
