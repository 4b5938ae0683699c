import "server-only";
import type { Db } from "@/lib/db/client";
import { prismaErrorCode } from "@/lib/db/errors";

/**
 * Records a consumed assertion id until it expires (then sweepExpiredRows deletes it). Returns
 * false when the id was already there: a replay, refused by the database's primary key on every
 * instance.
 */
export async function markAssertionConsumed({
  db,
  assertionId,
  expiresAt,
}: {
  db: Db;
  assertionId: string;
  expiresAt: Date;
}): Promise<boolean> {
  try {
    await db.samlReplay.create({ data: { assertionId, expiresAt } });
    return true;
  } catch (error) {
    if (prismaErrorCode(error) === "P2002") return false;
    throw error;
  }
}
