// tsx --conditions=react-server tests/support/shorten-grant.ts EMAIL SECONDS: moves the end of a
// person's live grants to SECONDS from now, as if the time had passed (end-to-end tests use it to
// see a grant expire without waiting hours). Reads the database as Airlock does (AIRLOCK_DATA_DIR,
// DATABASE_URL).
import { getDb } from "@/lib/db/client";
import { runScript } from "@/scripts/run-script";

process.env.AIRLOCK_DEMO ??= "true";

runScript(async () => {
  const [email, seconds] = process.argv.slice(2);
  const db = getDb();
  const { count } = await db.accessRequest.updateMany({
    where: { user: { email }, status: "approved", expiresAt: { gt: new Date() } },
    data: { expiresAt: new Date(Date.now() + Number(seconds) * 1000) },
  });
  if (count !== 1) throw new Error(`${email} has ${count} live grants; expected one.`);
  await db.$disconnect();
});
