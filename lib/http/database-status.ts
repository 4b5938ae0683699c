/**
 * Whether the database answers, as proxy.ts asks before a page renders: a page that cannot reach
 * the database then answers 503 with the explanation in its HTML, instead of failing its render
 * with a 500 whose page explains only once its scripts run. No database client here: the server
 * registers its check at start-up (instrumentation.ts), and proxy.ts and the app, two bundles in
 * one process, share this state through globalThis.
 */

type DatabaseStatus = {
  isReachable: boolean;
  checkedAt: number;
  inFlight?: Promise<boolean>;
  check?: () => Promise<boolean>;
};

// A good answer is trusted for a second: about one query a second per instance while pages load.
const FRESH_MS = 1_000;
const key = Symbol.for("airlock.databaseStatus");
const shared = globalThis as unknown as { [key]?: DatabaseStatus };

function status(): DatabaseStatus {
  shared[key] ??= { isReachable: true, checkedAt: 0 };
  return shared[key];
}

/** How to ask the database whether it answers (a cheap query with a timeout). */
export function registerDatabaseCheck(check: () => Promise<boolean>): void {
  status().check = check;
}

/** A request just failed because the database is down: the next page asks again before rendering. */
export function markDatabaseUnreachable(): void {
  status().isReachable = false;
}

/**
 * Whether the database answered lately, asking it again when the last answer is over a second
 * old or was "no". Concurrent callers share one check. Without a registered check (unit tests,
 * a proxy that runs before start-up finished), assumes it is reachable.
 */
export async function isDatabaseReachable({ now = Date.now() }: { now?: number } = {}): Promise<boolean> {
  const s = status();
  if (!s.check || (s.isReachable && now - s.checkedAt < FRESH_MS)) return true;
  s.inFlight ??= s
    .check()
    .catch(() => false)
    .then((isReachable) => {
      Object.assign(s, { isReachable, checkedAt: Date.now(), inFlight: undefined });
      return isReachable;
    });
  return s.inFlight;
}

/** Forgets the registered check and the last answer (tests). */
export function resetDatabaseStatusForTests(): void {
  delete shared[key];
}
