"use client";

import { signIn } from "next-auth/react";
import { useState } from "react";
import type { SignInMethod } from "@/lib/auth/sign-in-methods";

const buttonClass =
  "block w-full rounded-lg bg-slate-900 px-4 py-2.5 text-center font-medium text-white hover:bg-slate-700 focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-amber-500 disabled:opacity-60";

export function SignInButtons({ methods, callbackUrl }: { methods: SignInMethod[]; callbackUrl: string }) {
  const [pending, setPending] = useState<string | null>(null);
  return (
    <ul className="mt-6 space-y-3">
      {methods.map((method) => (
        <li key={method.id}>
          {method.id === "oidc" ? (
            <button
              type="button"
              className={buttonClass}
              disabled={pending !== null}
              onClick={() => {
                setPending(method.id);
                void signIn("oidc", { callbackUrl });
              }}
            >
              {pending === method.id ? "Redirecting…" : method.label}
            </button>
          ) : (
            <a
              className={buttonClass}
              href={`/api/saml/login?callbackUrl=${encodeURIComponent(callbackUrl)}`}
              onClick={() => setPending(method.id)}
            >
              {pending === method.id ? "Redirecting…" : method.label}
            </a>
          )}
        </li>
      ))}
    </ul>
  );
}
