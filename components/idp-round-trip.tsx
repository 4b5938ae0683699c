"use client";

import { signIn } from "next-auth/react";
import { useEffect, useRef } from "react";

/**
 * Sends the browser through the IdP and on to `callbackUrl`. Passive: the IdP answers without the
 * person (OIDC `prompt=none`, SAML `IsPassive`) when its own session is alive, and otherwise Airlock
 * continues with an ordinary sign-in. Fresh (a step-up): the IdP authenticates the person anew even
 * when its own session is alive (OIDC `prompt=login` with `max_age=0`, SAML ForceAuthn).
 */
export function IdpRoundTrip({
  idp,
  callbackUrl,
  passive,
  fresh = false,
  message,
}: {
  idp: "oidc" | "saml";
  callbackUrl: string;
  passive: boolean;
  fresh?: boolean;
  message: string;
}) {
  const started = useRef(false);
  useEffect(() => {
    if (started.current) return;
    started.current = true;
    if (idp === "oidc") {
      const params: Record<string, string> | undefined = passive
        ? { prompt: "none" }
        : fresh
          ? { prompt: "login", max_age: "0" }
          : undefined;
      void signIn("oidc", { callbackUrl }, params);
      return;
    }
    const query = new URLSearchParams({ callbackUrl });
    if (passive) query.set("passive", "1");
    else if (fresh) query.set("force", "1");
    window.location.replace(`/api/saml/login?${query.toString()}`);
  }, [idp, callbackUrl, passive, fresh]);
  return (
    <p role="status" className="mt-3 text-slate-600">
      {message}
    </p>
  );
}
