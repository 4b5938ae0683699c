import "server-only";
import { randomBytes } from "node:crypto";
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { getEnv } from "@/lib/env";

let cached: string | undefined;

/** The session encryption secret: AIRLOCK_SECRET, or in demo mode one generated into the data dir. */
export function getSessionSecret(): string {
  if (cached) return cached;
  const env = getEnv();
  if (env.AIRLOCK_SECRET) return (cached = env.AIRLOCK_SECRET);
  const file = path.join(env.dataDir, "session-secret");
  if (!existsSync(file)) {
    mkdirSync(env.dataDir, { recursive: true });
    writeFileSync(file, randomBytes(48).toString("base64url"), { mode: 0o600, flag: "wx" });
  }
  cached = readFileSync(file, "utf8").trim();
  return cached;
}
