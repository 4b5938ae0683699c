/**
 * Signs out with a plain form POST: Airlock ends its session, then sends the browser through the
 * IdP's own logout when the IdP offers single logout, and lands on the signed-out page.
 */
export function SignOutButton() {
  return (
    <form method="post" action="/api/auth/logout">
      <button
        type="submit"
        className="rounded-md px-3 py-1.5 text-sm font-medium text-slate-200 hover:bg-slate-800 hover:text-white focus-visible:outline-2 focus-visible:outline-amber-400"
      >
        Sign out
      </button>
    </form>
  );
}
