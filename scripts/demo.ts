// npm run demo: the whole portal with its stand-ins, on the embedded SQLite database, no configuration.
import { spawn } from "node:child_process";
import path from "node:path";
import { getDb } from "@/lib/db/client";
import { migrateSqlite } from "@/lib/db/migrate";
import { getEnv } from "@/lib/env";
import { demoAdminGroup, seedDemo } from "@/prisma/seed";
import { ensureBuild } from "@/scripts/ensure-build";
import { runScript } from "@/scripts/run-script";

const root = path.resolve(__dirname, "..");
const port = process.env.PORT ?? "3000";

// Demo defaults; anything already set in the environment wins.
const demoDefaults: Record<string, string> = {
  NODE_ENV: "production",
  AIRLOCK_DEMO: "true",
  AIRLOCK_URL: `http://localhost:${port}`,
  AIRLOCK_ADMIN_GROUPS: demoAdminGroup,
};
for (const [name, value] of Object.entries(demoDefaults)) process.env[name] ??= value;

runScript(async () => {
  const env = getEnv();
  migrateSqlite({ databaseUrl: env.databaseUrl });
  const counts = await seedDemo(getDb());
  await getDb().$disconnect();
  console.log(
    `Demo data: ${counts.accounts} accounts, ${counts.roles} roles, ${counts.mappings} mappings in ${env.dataDir}`,
  );

  ensureBuild();

  const server = spawn("npx", ["next", "start", "-p", port, "-H", "127.0.0.1"], { cwd: root, stdio: "inherit" });
  console.log(`Airlock demo: ${env.AIRLOCK_URL} (Ctrl-C to stop)`);
  const stop = () => server.kill("SIGTERM");
  process.on("SIGINT", stop);
  process.on("SIGTERM", stop);
  await new Promise<void>((resolve, reject) => {
    server.on("exit", (code, signal) =>
      code === 0 || signal ? resolve() : reject(new Error(`the portal exited with status ${code}`)),
    );
  });
});
