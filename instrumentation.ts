import type { Instrumentation } from "next";

// Runs once when the server starts: validate configuration and migrate before serving anything.
export async function register() {
  if (process.env.NEXT_RUNTIME !== "nodejs") return;
  // Before any request: the audit log's client address needs the TCP peer (AIRLOCK_TRUSTED_PROXIES).
  const { stampPeerAddresses } = await import("@/lib/http/peer-address");
  stampPeerAddresses();
  const { bootServer } = await import("@/lib/boot");
  await bootServer();
  // proxy.ts asks this before a page renders, and answers 503 with an explanation while it fails.
  const [{ checkDatabase }, { registerDatabaseCheck }] = await Promise.all([
    import("@/lib/db/health"),
    import("@/lib/http/database-status"),
  ]);
  registerDatabaseCheck(async () => (await checkDatabase()).ok);
}

// A render that failed on the database: the next page request checks again before rendering.
export const onRequestError: Instrumentation.onRequestError = async (error) => {
  if (process.env.NEXT_RUNTIME !== "nodejs") return;
  const [{ isDatabaseUnavailable }, { markDatabaseUnreachable }] = await Promise.all([
    import("@/lib/db/errors"),
    import("@/lib/http/database-status"),
  ]);
  if (isDatabaseUnavailable(error)) markDatabaseUnreachable();
};
