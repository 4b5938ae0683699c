"use client";

import { useEffect, useState } from "react";

/**
 * One outcome on screen at a time: every admin form announces its result here, and a form's own
 * message disappears once another form reports (a "Role Analyst created." must not outlive the
 * role's deletion).
 */
const eventName = "airlock:admin-outcome";
type Outcome = { source: string; message: string; toPage: boolean };

export function announceOutcome(outcome: Outcome): void {
  window.dispatchEvent(new CustomEvent<Outcome>(eventName, { detail: outcome }));
}

/** The latest outcome, as each listener sees it; `null` until one is announced. */
export function useLatestOutcome(): Outcome | null {
  const [latest, setLatest] = useState<Outcome | null>(null);
  useEffect(() => {
    const listen = (event: Event) => setLatest((event as CustomEvent<Outcome>).detail);
    window.addEventListener(eventName, listen);
    return () => window.removeEventListener(eventName, listen);
  }, []);
  return latest;
}
