"use client";

import { useRouter } from "next/navigation";
import { startTransition, useCallback, useEffect, useState } from "react";
import { ProblemPage } from "@/components/problem-page";

type Cause = "checking" | "database" | "other";

/**
 * What a page that failed on the server shows. In production the browser never sees the
 * server's error, so the page asks the health check whether the database is the cause, and
 * while it is, keeps checking and reloads by itself once Airlock can reach it again.
 */
export default function ErrorPage({ error, reset }: { error: Error & { digest?: string }; reset: () => void }) {
  const router = useRouter();
  const [cause, setCause] = useState<Cause>("checking");
  // Refetch the page's server data and render it again (the button, and the automatic recovery).
  const retry = useCallback(
    () =>
      startTransition(() => {
        router.refresh();
        reset();
      }),
    [reset, router],
  );

  useEffect(() => {
    let stopped = false;
    let sawOutage = false;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const check = async () => {
      const healthy = await fetch("/api/health", { cache: "no-store" }).then(
        (r) => r.ok,
        () => false,
      );
      if (stopped) return;
      if (healthy && sawOutage) return retry();
      sawOutage ||= !healthy;
      setCause(healthy ? "other" : "database");
      if (!healthy) timer = setTimeout(check, 5_000);
    };
    void check();
    return () => {
      stopped = true;
      clearTimeout(timer);
    };
  }, [retry]);

  const isDatabase = cause === "database";
  return (
    <ProblemPage
      isAlert
      tone={isDatabase ? "warning" : "error"}
      label={isDatabase ? "503 · Service unavailable" : "Error"}
      title={
        isDatabase
          ? "Airlock cannot reach its database right now"
          : cause === "checking"
            ? "This page could not be loaded"
            : "Something went wrong on Airlock's side"
      }
    >
      {isDatabase ? (
        <p className="mt-4 text-slate-700">
          Your AWS access has not changed, and nothing you did was lost. This page checks again every few seconds and
          reloads by itself when Airlock is back. If it stays like this, tell your Airlock administrators.
        </p>
      ) : (
        <p className="mt-4 text-slate-700">
          Try again; if it keeps failing, tell your Airlock administrators
          {error.digest ? (
            <>
              {" "}
              and quote reference <code className="rounded bg-slate-100 px-1">{error.digest}</code>
            </>
          ) : null}
          .
        </p>
      )}
      <button
        type="button"
        onClick={retry}
        className="mt-6 rounded-lg bg-slate-900 px-4 py-2.5 font-medium text-white hover:bg-slate-700"
      >
        Try again
      </button>
    </ProblemPage>
  );
}
