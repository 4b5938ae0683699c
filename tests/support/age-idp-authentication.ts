// tsx --conditions=react-server tests/support/age-idp-authentication.ts EMAIL MINUTES: moves the
// IdP authentication time of a person's live sessions to MINUTES ago, as if they had signed in at
// the IdP that long ago (end-to-end tests use it to meet a step-up without waiting). Reads the
// database as Airlock does (AIRLOCK_DATA_DIR, DATABASE_URL).
import { getDb } from "@/lib/db/client";
import { runScript } from "@/scripts/run-script";

process.env.AIRLOCK_DEMO ??= "true";

runScript(async () => {
  const [email, minutes] = process.argv.slice(2);
  const db = getDb();
  const { count } = await db.session.updateMany({
    where: { user: { email }, revokedAt: null, expiresAt: { gt: new Date() } },
    data: { idpAuthenticatedAt: new Date(Date.now() - Number(minutes) * 60_000) },
  });
  if (count === 0) throw new Error(`${email} has no live session.`);
  await db.$disconnect();
});
