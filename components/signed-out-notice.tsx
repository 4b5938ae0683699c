/** After sign-out: what ending the Airlock session does not end. */
export function SignedOutNotice() {
  return (
    <div role="status" className="mt-4 rounded-lg border border-sky-200 bg-sky-50 p-3 text-sm text-sky-950">
      <p className="font-medium">You are signed out of Airlock.</p>
      <p className="mt-1">
        AWS console sessions you opened stay signed in until they expire (up to 12 hours): sign out in each console tab
        or close it. CLI credentials you copied also keep working until they expire.
      </p>
    </div>
  );
}
