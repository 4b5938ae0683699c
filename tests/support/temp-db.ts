import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { createDb, type Db } from "@/lib/db/client";
import { migrateSqlite } from "@/lib/db/migrate";

export type TempDb = { db: Db; databaseUrl: string; dir: string; cleanup: () => Promise<void> };

/** A migrated SQLite database in a fresh temporary directory. */
export function createTempDb(): TempDb {
  const dir = mkdtempSync(path.join(os.tmpdir(), "airlock-test-"));
  const databaseUrl = `file:${path.join(dir, "airlock.db")}`;
  migrateSqlite({ databaseUrl });
  const db = createDb(databaseUrl);
  return {
    db,
    databaseUrl,
    dir,
    cleanup: async () => {
      await db.$disconnect();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
