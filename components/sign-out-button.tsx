"use client";

/**
 * Signs out through next-auth's own endpoint (CSRF token, then POST), without shipping
 * next-auth's client library to every portal page.
 */
async function signOut(): Promise<void> {
  const { csrfToken } = (await (await fetch("/api/auth/csrf")).json()) as { csrfToken: string };
  await fetch("/api/auth/signout", {
    method: "POST",
    headers: { "Content-Type": "application/x-www-form-urlencoded" },
    body: new URLSearchParams({ csrfToken, callbackUrl: "/signin", json: "true" }),
  });
  // A full navigation, so no page of the signed-in session stays in the client cache.
  window.location.replace("/signin?signedOut=1");
}

export function SignOutButton() {
  return (
    <button
      type="button"
      onClick={() => void signOut()}
      className="rounded-md px-3 py-1.5 text-sm font-medium text-slate-200 hover:bg-slate-800 hover:text-white focus-visible:outline-2 focus-visible:outline-amber-400"
    >
      Sign out
    </button>
  );
}
