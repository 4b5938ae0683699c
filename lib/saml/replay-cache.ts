import "server-only";
import type { Db } from "@/lib/db/client";
import { prismaErrorCode } from "@/lib/db/errors";

/**
 * Records a consumed assertion id until it expires. Returns false when the id was already there:
 * a replay, refused by the database's primary key on every instance.
 */
export async function markAssertionConsumed({
  db,
  assertionId,
  expiresAt,
  now = new Date(),
}: {
  db: Db;
  assertionId: string;
  expiresAt: Date;
  now?: Date;
}): Promise<boolean> {
  // Expired entries can no longer be replayed (the time check refuses them): drop them.
  await db.samlReplay.deleteMany({ where: { expiresAt: { lt: now } } });
  try {
    await db.samlReplay.create({ data: { assertionId, expiresAt } });
    return true;
  } catch (error) {
    if (prismaErrorCode(error) === "P2002") return false;
    throw error;
  }
}
