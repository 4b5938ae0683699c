import { mkdirSync } from "node:fs";
import path from "node:path";
import { PrismaBetterSQLite3 } from "@prisma/adapter-better-sqlite3";
import { defineConfig } from "prisma/config";

// The Prisma CLI runs on its JS engine through a driver adapter, so nothing native is downloaded.
// Airlock applies migrations itself (lib/db/migrate.ts); the CLI is used for `generate` and
// `migrate diff`, and for `migrate status` where an operator wants Prisma's own view.
const dataDir = path.resolve(process.env.AIRLOCK_DATA_DIR || "data");
const databaseUrl = process.env.DATABASE_URL || `file:${path.join(dataDir, "airlock.db")}`;

export default defineConfig({
  experimental: { adapter: true },
  engine: "js",
  schema: path.join("prisma", "schema.prisma"),
  migrations: { path: path.join("prisma", "migrations", "sqlite") },
  async adapter() {
    mkdirSync(dataDir, { recursive: true });
    return new PrismaBetterSQLite3({ url: databaseUrl });
  },
});
