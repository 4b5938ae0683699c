// npm run demo: the whole portal with its stand-ins, on the embedded SQLite database, no configuration.
import { spawn, type ChildProcess } from "node:child_process";
import path from "node:path";
import { getDb } from "@/lib/db/client";
import { migrateDatabase } from "@/lib/db/migrate";
import { getEnv } from "@/lib/env";
import { ensureDemoSigningMaterial } from "@/lib/saml/demo-keys";
import { demoAdminGroup, seedDemo } from "@/prisma/seed";
import { ensureBuild } from "@/scripts/ensure-build";
import { runScript } from "@/scripts/run-script";
import { spawnNextServer, waitForHealth } from "@/scripts/start-server";

const root = path.resolve(__dirname, "..");
const port = process.env.PORT ?? "3000";
const portOffset = (n: number) => String(Number(port) + n);
const oidcPort = process.env.DEMO_OIDC_PORT ?? portOffset(1);
const samlPort = process.env.DEMO_SAML_PORT ?? portOffset(2);
const emulatorPort = process.env.AWS_EMULATOR_PORT ?? portOffset(3);

// Demo defaults; anything already set in the environment wins.
const demoDefaults: Record<string, string> = {
  NODE_ENV: "production",
  AIRLOCK_DEMO: "true",
  AIRLOCK_URL: `http://localhost:${port}`,
  AIRLOCK_ADMIN_GROUPS: demoAdminGroup,
  AIRLOCK_STS_ENDPOINT: `http://127.0.0.1:${emulatorPort}`,
  AIRLOCK_SIGNIN_ENDPOINT: `http://localhost:${emulatorPort}/federation`,
  AIRLOCK_OIDC_ISSUER: `http://localhost:${oidcPort}`,
  AIRLOCK_OIDC_CLIENT_ID: "airlock-demo",
  AIRLOCK_OIDC_CLIENT_SECRET: "airlock-demo-secret",
  AIRLOCK_OIDC_SCOPES: "openid email profile groups",
  AIRLOCK_OIDC_NAME: "Demo OIDC IdP",
  AIRLOCK_SAML_IDP_METADATA: `http://127.0.0.1:${samlPort}/metadata`,
  AIRLOCK_SAML_NAME: "Demo SAML IdP",
  AIRLOCK_SUPPORT_CONTACT: "the platform team (platform@example.com)",
};
for (const [name, value] of Object.entries(demoDefaults)) process.env[name] ??= value;

const children: ChildProcess[] = [];
const tsxCli = path.join(root, "node_modules/tsx/dist/cli.mjs");

function start(name: string, command: string, args: string[]): ChildProcess {
  // Each service in its own process group, so stopping the demo stops everything it started.
  return watch(name, spawn(command, args, { cwd: root, stdio: "inherit", env: process.env, detached: true }));
}

/** Stops the demo when one of its services stops on its own. */
function watch(name: string, child: ChildProcess): ChildProcess {
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
  for (const child of children) {
    try {
      if (child.pid && child.exitCode === null) process.kill(-child.pid, "SIGTERM");
    } catch {
      // already gone
    }
  }
  setTimeout(() => process.exit(code), 500).unref();
}

runScript(async () => {
  const env = getEnv();
  await migrateDatabase({ databaseUrl: env.databaseUrl });
  const counts = await seedDemo(getDb());
  await getDb().$disconnect();
  await ensureDemoSigningMaterial(env.dataDir);
  console.log(
    `Demo data: ${counts.accounts} accounts, ${counts.roles} roles, ${counts.mappings} mappings in ${env.dataDir}`,
  );

  ensureBuild();

  start("demo OIDC IdP", process.execPath, [
    tsxCli,
    "--conditions=react-server",
    "dev/oidc-idp/main.ts",
    "--port",
    oidcPort,
    "--redirect-uri",
    `${env.AIRLOCK_URL}/api/auth/callback/oidc`,
  ]);
  start("demo SAML IdP", process.execPath, [
    tsxCli,
    "--conditions=react-server",
    "dev/saml-idp/main.ts",
    "--port",
    samlPort,
    "--sp-metadata",
    `http://127.0.0.1:${port}/api/saml/sp/metadata`,
    "--key-dir",
    path.join(env.dataDir, "demo-saml-idp"),
  ]);
  start("AWS emulator", process.execPath, [
    tsxCli,
    "--conditions=react-server",
    "dev/aws-emulator/main.ts",
    "--port",
    emulatorPort,
    "--metadata-url",
    `http://127.0.0.1:${port}/api/saml/idp/metadata`,
  ]);
  const airlock = spawnNextServer({ port: Number(port), output: "inherit" });
  watch("Airlock", airlock.child);
  for (const signal of ["SIGINT", "SIGTERM", "SIGHUP"] as const) process.on(signal, () => stopAll(0));
  await waitForHealth(airlock, 120_000).catch((error: unknown) => {
    stopAll(1);
    throw error;
  });
  console.log(`Airlock demo: ${env.AIRLOCK_URL} (Ctrl-C to stop)`);
  await new Promise(() => undefined);
});
