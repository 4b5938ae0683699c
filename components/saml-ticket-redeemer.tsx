"use client";

import Link from "next/link";
import { signIn } from "next-auth/react";
import { useEffect, useRef, useState } from "react";
import { parseSwitchAccountError } from "@/lib/auth/switch-account";

type Redemption = { ticket: string; callbackUrl: string; switchTo?: string };

const buttonClass =
  "rounded-lg bg-slate-900 px-4 py-2.5 font-medium text-white hover:bg-slate-700 focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-amber-500 disabled:opacity-60";

/**
 * Redeems the ticket. When Airlock may ask first (this browser has a session), the answer comes
 * back here: the email it would sign in as if it asks. Otherwise next-auth navigates itself, which
 * spares the session fetch that `redirect: false` makes.
 */
async function redeem(provider: string, redemption: Redemption, mayAsk: boolean): Promise<string | undefined> {
  const { ticket, callbackUrl, switchTo } = redemption;
  const credentials = { ticket, callbackUrl, switchAccount: String(switchTo !== undefined) };
  if (!mayAsk) {
    await signIn(provider, credentials);
    return undefined;
  }
  const result = await signIn(provider, { ...credentials, redirect: false });
  const askSwitchTo = parseSwitchAccountError(result?.error);
  if (askSwitchTo) return askSwitchTo;
  // next-auth has already checked the URL it answers with (lib/auth/redirects.ts).
  window.location.assign(
    result?.ok && !result.error && result.url
      ? result.url
      : `/signin/error?error=${encodeURIComponent(result?.error ?? "CredentialsSignin")}`,
  );
}

/**
 * Hands the one-time SAML login ticket to next-auth. The ticket travels in the URL fragment,
 * which browsers never send to a server or put in a Referer. If this browser is signed in as
 * someone else, it asks before switching.
 */
export function SamlTicketRedeemer({ provider, signedInAs }: { provider: string; signedInAs?: string }) {
  const started = useRef(false);
  const [question, setQuestion] = useState<Redemption>();
  const [confirming, setConfirming] = useState(false);
  useEffect(() => {
    if (started.current) return;
    started.current = true;
    const fragment = new URLSearchParams(window.location.hash.slice(1));
    const redemption = { ticket: fragment.get("ticket") ?? "", callbackUrl: fragment.get("callbackUrl") ?? "/" };
    window.history.replaceState(null, "", window.location.pathname);
    void redeem(provider, redemption, signedInAs !== undefined).then(
      (switchTo) => switchTo && setQuestion({ ...redemption, switchTo }),
    );
  }, [provider, signedInAs]);
  if (!question)
    return (
      <p role="status" className="mt-3 text-slate-600">
        Signing you in…
      </p>
    );
  return (
    <>
      <p className="mt-3 text-slate-700">
        You are signed in as <strong>{signedInAs ?? "someone else"}</strong>. Continue as{" "}
        <strong>{question.switchTo}</strong>?
      </p>
      <div className="mt-6 flex flex-wrap gap-3">
        <button
          type="button"
          className={buttonClass}
          disabled={confirming}
          onClick={() => {
            setConfirming(true);
            void redeem(provider, question, false);
          }}
        >
          Continue as {question.switchTo}
        </button>
        <Link href="/" className="rounded-lg px-4 py-2.5 font-medium text-slate-700 hover:bg-slate-100">
          {signedInAs ? `Stay signed in as ${signedInAs}` : "Stay signed in"}
        </Link>
      </div>
    </>
  );
}
