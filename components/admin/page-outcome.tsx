"use client";

import { useLatestOutcome } from "@/components/admin/action-outcome";

/** Where the outcome of a form that disappears on success (a deleted role or mapping) is announced. */
export function PageOutcome() {
  const latest = useLatestOutcome();
  const message = latest?.toPage ? latest.message : "";
  return (
    <p role="status" aria-label="Last change" className={message ? "mt-3 text-sm text-emerald-700" : "sr-only"}>
      {message}
    </p>
  );
}
