import "server-only";
import type { Db } from "@/lib/db/client";
import type { Prisma } from "@/lib/db/generated/sqlite";

/**
 * Records that the IdP authenticated the person at `at` on the sessions `where` selects, moving
 * each one's `idpAuthenticatedAt` forward only: an older answer (another IdP session's) never
 * makes a session look as if its person authenticated earlier than they did, nor later.
 */
export async function noteIdpAuthentication({
  db,
  where,
  at,
}: {
  db: Db;
  where: Prisma.SessionWhereInput;
  at: Date | null | undefined;
}): Promise<void> {
  if (!at) return;
  await db.session.updateMany({
    where: { AND: [where, { OR: [{ idpAuthenticatedAt: null }, { idpAuthenticatedAt: { lt: at } }] }] },
    data: { idpAuthenticatedAt: at },
  });
}
