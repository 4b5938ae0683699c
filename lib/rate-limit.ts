import "server-only";
import type { Db } from "@/lib/db/client";
import { queryRows } from "@/lib/db/direct-sql";
import { Prisma } from "@/lib/db/generated/sqlite";
import { AppError } from "@/lib/errors";

/** The longest window a limit may use: rows whose window started earlier are swept away. */
export const RATE_LIMIT_MAX_WINDOW_SECONDS = 3600;

/**
 * Fixed-window rate limit kept in the database, so every instance counts together. Throws
 * `rate_limited` with the seconds to wait once `limit` is used up. `windowSeconds` is at most
 * RATE_LIMIT_MAX_WINDOW_SECONDS.
 */
export async function consumeRateLimit({
  db,
  key,
  limit,
  windowSeconds,
  now = new Date(),
}: {
  db: Db;
  key: string;
  limit: number;
  windowSeconds: number;
  now?: Date;
}): Promise<void> {
  const windowStart = new Date(Math.floor(now.getTime() / (windowSeconds * 1000)) * windowSeconds * 1000);
  // One atomic statement (SQLite and PostgreSQL alike): start a new window or count in this one.
  const [{ count }] = await queryRows<{ count: number | bigint }>(
    db,
    Prisma.sql`
    INSERT INTO "RateLimit" ("key", "windowStart", "count") VALUES (${key}, ${windowStart}, 1)
    ON CONFLICT ("key") DO UPDATE SET
      "count" = CASE WHEN "RateLimit"."windowStart" = excluded."windowStart" THEN "RateLimit"."count" + 1 ELSE 1 END,
      "windowStart" = excluded."windowStart"
    RETURNING "count"`,
  );
  if (Number(count) > limit) {
    const retryAfter = Math.ceil((windowStart.getTime() + windowSeconds * 1000 - now.getTime()) / 1000);
    throw new AppError(
      "rate_limited",
      `Too many requests: at most ${limit} per ${windowSeconds} seconds. Try again in ${retryAfter} seconds.`,
      { retryAfterSeconds: retryAfter },
    );
  }
}
