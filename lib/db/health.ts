import "server-only";
import { getDb, type Db } from "@/lib/db/client";
import { log } from "@/lib/log";

export type HealthResult = { ok: true } | { ok: false; reason: string };

const timeoutMs = 2_000;

/** Whether the database answers a real query within two seconds. */
export async function checkDatabase({ db }: { db?: Db } = {}): Promise<HealthResult> {
  let timer: NodeJS.Timeout | undefined;
  try {
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new Error(`no answer within ${timeoutMs} ms`)), timeoutMs);
    });
    await Promise.race([(db ?? getDb()).account.findFirst({ select: { id: true } }), timeout]);
    return { ok: true };
  } catch (error) {
    log.error("health_database_failed", { error });
    return {
      ok: false,
      reason:
        "database unavailable: Airlock cannot query its database; check DATABASE_URL and that the database is running",
    };
  } finally {
    clearTimeout(timer);
  }
}
