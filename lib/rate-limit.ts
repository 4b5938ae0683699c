import "server-only";
import type { Db } from "@/lib/db/client";
import { AppError } from "@/lib/errors";

/**
 * Fixed-window rate limit kept in the database, so every instance counts together. Throws
 * `rate_limited` with the seconds to wait once `limit` is used up.
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
  const count = await db.$transaction(async (tx) => {
    const row = await tx.rateLimit.findUnique({ where: { key } });
    if (!row || row.windowStart.getTime() !== windowStart.getTime()) {
      await tx.rateLimit.upsert({
        where: { key },
        create: { key, windowStart, count: 1 },
        update: { windowStart, count: 1 },
      });
      return 1;
    }
    const updated = await tx.rateLimit.update({ where: { key }, data: { count: { increment: 1 } } });
    return updated.count;
  });
  if (count > limit) {
    const retryAfter = Math.ceil((windowStart.getTime() + windowSeconds * 1000 - now.getTime()) / 1000);
    throw new AppError(
      "rate_limited",
      `Too many requests: at most ${limit} per ${windowSeconds} seconds. Try again in ${retryAfter} seconds.`,
      { retryAfterSeconds: retryAfter },
    );
  }
}
