// npm run demo: the whole portal with its stand-ins, on the embedded SQLite database, no configuration.
import { spawn, type ChildProcess } from "node:child_process";
import path from "node:path";
import { getDb } from "@/lib/db/client";
import { migrateSqlite } from "@/lib/db/migrate";
import { getEnv } from "@/lib/env";
import { ensureDemoSigningMaterial } from "@/lib/saml/demo-keys";
import { demoAdminGroup, seedDemo } from "@/prisma/seed";
import { ensureBuild } from "@/scripts/ensure-build";
import { runScript } from "@/scripts/run-script";

const root = path.resolve(__dirname, "..");
const port = process.env.PORT ?? "3000";
const emulatorPort = process.env.AWS_EMULATOR_PORT ?? "3003";

// Demo defaults; anything already set in the environment wins.
const demoDefaults: Record<string, string> = {
  NODE_ENV: "production",
  AIRLOCK_DEMO: "true",
  AIRLOCK_URL: `http://localhost:${port}`,
  AIRLOCK_ADMIN_GROUPS: demoAdminGroup,
  AIRLOCK_STS_ENDPOINT: `http://127.0.0.1:${emulatorPort}`,
  AIRLOCK_SIGNIN_ENDPOINT: `http://localhost:${emulatorPort}/federation`,
};
for (const [name, value] of Object.entries(demoDefaults)) process.env[name] ??= value;

const children: ChildProcess[] = [];

function start(name: string, command: string, args: string[]): ChildProcess {
  const child = spawn(command, args, { cwd: root, stdio: "inherit", env: process.env });
  children.push(child);
  child.on("exit", (code, signal) => {
    if (stopping) return;
    console.error(`${name} stopped (${signal ?? `status ${code}`}); stopping the demo.`);
    stopAll(code || 1);
  });
  return child;
}

let stopping = false;
function stopAll(code: number): void {
  stopping = true;
  for (const child of children) if (child.exitCode === null) child.kill("SIGTERM");
  setTimeout(() => process.exit(code), 500).unref();
}

runScript(async () => {
  const env = getEnv();
  migrateSqlite({ databaseUrl: env.databaseUrl });
  const counts = await seedDemo(getDb());
  await getDb().$disconnect();
  await ensureDemoSigningMaterial(env.dataDir);
  console.log(
    `Demo data: ${counts.accounts} accounts, ${counts.roles} roles, ${counts.mappings} mappings in ${env.dataDir}`,
  );

  ensureBuild();

  start("AWS emulator", "npx", [
    "tsx",
    "dev/aws-emulator/main.ts",
    "--port",
    emulatorPort,
    "--metadata-url",
    `http://127.0.0.1:${port}/api/saml/idp/metadata`,
  ]);
  start("Airlock", "npx", ["next", "start", "-p", port, "-H", "127.0.0.1"]);
  console.log(`Airlock demo: ${env.AIRLOCK_URL} (Ctrl-C to stop)`);
  process.on("SIGINT", () => stopAll(0));
  process.on("SIGTERM", () => stopAll(0));
  await new Promise(() => undefined);
});
