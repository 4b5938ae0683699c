"use client";

import { useExpiry } from "@/components/portal/use-expiry";

/** A role a time-bound grant gives: when the grant ends, counting down. */
export function GrantBadge({ expiresAt }: { expiresAt: string }) {
  const { at, left } = useExpiry(expiresAt);
  return (
    <span className="ml-2 inline-flex rounded-full bg-violet-100 px-2 py-0.5 align-middle text-xs font-medium text-violet-900">
      {/* The server and the browser may be in different time zones; the browser's reading wins. */}
      <time dateTime={expiresAt} suppressHydrationWarning>
        granted until {at} ({left})
      </time>
    </span>
  );
}
