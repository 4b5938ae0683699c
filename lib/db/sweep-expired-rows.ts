import "server-only";
import { getDb, type Db } from "@/lib/db/client";
import { execute } from "@/lib/db/direct-sql";
import { Prisma } from "@/lib/db/generated/sqlite";
import { log } from "@/lib/log";
import { RATE_LIMIT_MAX_WINDOW_SECONDS } from "@/lib/rate-limit";
import { closeExpiredRequests } from "@/lib/requests/close-expired-requests";

/**
 * Deletes the rows that only matter until they expire: unanswered SAML requests, login tickets,
 * replay-cache entries (an expired assertion fails its time check anyway), terminal sign-in
 * requests (device codes), rate-limit windows and
 * sessions a day past their absolute end.
 * Anyone can create the first three and the last by calling the sign-in endpoints, so without
 * this the database grows without bound.
 *
 * Bounded work: batches of `batchSize` rows by primary key, at most `maxBatches` per table per
 * sweep, each on the expiry index. Safe with several instances on one PostgreSQL: a row two
 * instances both pick is deleted once, the other's DELETE simply counts it as gone.
 */

const EXPIRING = [
  { table: "SamlPendingRequest", key: "requestId", expiry: "expiresAt" },
  { table: "LoginTicket", key: "tokenHash", expiry: "expiresAt" },
  { table: "SamlReplay", key: "assertionId", expiry: "expiresAt" },
  // Device codes live ten minutes; an hour's grace lets a late poll hear expired_token, not invalid_grant.
  { table: "DeviceAuthorization", key: "id", expiry: "expiresAt", keepSeconds: 3600 },
  { table: "RateLimit", key: "key", expiry: "windowStart", keepSeconds: RATE_LIMIT_MAX_WINDOW_SECONDS },
  // Ended sessions grant nothing; their history is in the audit log. A day's grace keeps a
  // session that just ended visible to the instance that reports it.
  { table: "Session", key: "id", expiry: "expiresAt", keepSeconds: 24 * 3600 },
];

export const SWEEP_INTERVAL_SECONDS = 60;

/** One sweep: how many rows it deleted from each table. */
export async function sweepExpiredRows({
  db,
  now = new Date(),
  batchSize = 500,
  maxBatches = 20,
}: {
  db: Db;
  now?: Date;
  batchSize?: number;
  maxBatches?: number;
}): Promise<Record<string, number>> {
  const deleted: Record<string, number> = {};
  for (const { table, key, expiry, keepSeconds = 0 } of EXPIRING) {
    const cutoff = new Date(now.getTime() - keepSeconds * 1000);
    const [t, k, e] = [table, key, expiry].map((name) => Prisma.raw(`"${name}"`));
    deleted[table] = 0;
    for (let batch = 0; batch < maxBatches; batch++) {
      const count = await execute(
        db,
        Prisma.sql`DELETE FROM ${t} WHERE ${k} IN (SELECT ${k} FROM ${t} WHERE ${e} < ${cutoff} LIMIT ${batchSize})`,
      );
      deleted[table] += count;
      if (count < batchSize) break;
    }
  }
  return deleted;
}

let timer: NodeJS.Timeout | undefined;

/** Sweeps now and then every minute, once per process; the timer never keeps the process alive. */
export function startExpiredRowSweep(): void {
  if (timer) return;
  const sweep = () =>
    Promise.all([
      sweepExpiredRows({ db: getDb() }).then(
        (deleted) => log.debug("expired_rows_swept", deleted),
        (error: unknown) => log.warn("expired_rows_sweep_failed", { error }),
      ),
      // Requests unanswered too long and grants past their end: closed, audited and notified.
      closeExpiredRequests({ db: getDb() }).then(
        (closed) => closed && log.info("access_requests_closed", { closed }),
        (error: unknown) => log.warn("access_requests_close_failed", { error }),
      ),
    ]);
  timer = setInterval(sweep, SWEEP_INTERVAL_SECONDS * 1000).unref();
  void sweep();
}
