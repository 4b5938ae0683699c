// What every benchmark runs against: Airlock's production build on 127.0.0.1 with the AWS
// emulator and the demo OIDC IdP, on a fresh embedded database seeded with the demo data and
// 2,000 roles (people p20, p200 and p2000 see that many of them).
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { startEmulator } from "@/dev/aws-emulator/server";
import { buildDemoState } from "@/dev/aws-emulator/state";
import { demoPeople } from "@/dev/demo-people";
import { startDemoOidcIdp } from "@/dev/oidc-idp/server";
import { createDb, type Db } from "@/lib/db/client";
import { migrateSqlite } from "@/lib/db/migrate";
import { ensureDemoSigningMaterial } from "@/lib/saml/demo-keys";
import { buildIdpMetadata } from "@/lib/saml/idp-metadata";
import { parseSigningMaterial, type SigningMaterial } from "@/lib/saml/signing-key";
import { seedDemo } from "@/prisma/seed";
import { seedLargeDataset } from "@/prisma/seed-large";
import { freePort } from "@/scripts/free-port";
import { startNextServer } from "@/scripts/start-server";

export const PORTAL_SIZES = [20, 200, 2000] as const;

export type BenchEnvironment = {
  url: string;
  signing: SigningMaterial;
  /** Airlock's process group, whose CPU time the issuance benchmark reads. */
  serverPid: number;
  close: () => Promise<void>;
};

async function seed(db: Db): Promise<void> {
  await seedDemo(db);
  await seedLargeDataset(db, { accounts: 300, roles: 2000, group: "load-2000" });
  // The same roles, fewer of them, for the smaller portals.
  for (const size of PORTAL_SIZES.filter((n) => n < 2000)) {
    const roles = await db.role.findMany({
      where: { accountId: { gte: "900000000000" } },
      orderBy: { name: "asc" },
      take: size,
      select: { id: true },
    });
    await db.groupMapping.createMany({ data: roles.map((r) => ({ group: `load-${size}`, roleId: r.id })) });
  }
}

/** Demo people plus one person per portal size (pN@example.com, password pN), in group load-N. */
function benchPeople() {
  const people = PORTAL_SIZES.map((n) => ({
    id: `p${n}`,
    email: `p${n}@example.com`,
    password: `p${n}`,
    name: `${n} roles`,
    username: `p${n}`,
    groups: [`load-${n}`],
  }));
  return [...demoPeople, ...people];
}

export async function startBenchEnvironment(): Promise<BenchEnvironment> {
  const dataDir = mkdtempSync(path.join(os.tmpdir(), "airlock-bench-"));
  const databaseUrl = `file:${path.join(dataDir, "airlock.db")}`;
  migrateSqlite({ databaseUrl });
  const db = createDb(databaseUrl);
  await seed(db);
  await db.$disconnect();
  const { keyPath, certPath } = await ensureDemoSigningMaterial(dataDir);
  const signing = parseSigningMaterial(readFileSync(keyPath, "utf8"), readFileSync(certPath, "utf8"));

  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  const state = buildDemoState({});
  const metadataXml = buildIdpMetadata({
    entityId: `${url}/api/saml/idp/metadata`,
    ssoUrl: `${url}/`,
    certificatesBase64: [signing.certificateBase64],
  });
  for (const provider of state.providers) provider.metadataXml = metadataXml;
  const emulator = await startEmulator({ state });
  const oidcPort = await freePort();
  const idp = await startDemoOidcIdp({
    port: oidcPort,
    issuer: `http://127.0.0.1:${oidcPort}`,
    redirectUris: [`${url}/api/auth/callback/oidc`],
    people: benchPeople(),
  });
  const close = async () => {
    await emulator.close();
    await idp.close();
    rmSync(dataDir, { recursive: true, force: true });
  };
  const profileDir = process.env.BENCH_CPU_PROFILE;
  const server = await startNextServer({
    port,
    // BENCH_CPU_PROFILE=DIR writes a V8 CPU profile of the server there when it stops.
    nodeArgs: profileDir ? ["--cpu-prof", `--cpu-prof-dir=${path.resolve(profileDir)}`] : [],
    env: {
      AIRLOCK_DEMO: "true",
      AIRLOCK_DATA_DIR: dataDir,
      DATABASE_URL: databaseUrl,
      AIRLOCK_URL: url,
      AIRLOCK_STS_ENDPOINT: emulator.url,
      AIRLOCK_SIGNIN_ENDPOINT: `${emulator.url}/federation`,
      AIRLOCK_OIDC_ISSUER: idp.url,
      AIRLOCK_OIDC_CLIENT_ID: "airlock-demo",
      AIRLOCK_OIDC_CLIENT_SECRET: "airlock-demo-secret",
      AIRLOCK_OIDC_SCOPES: "openid email profile groups",
      AIRLOCK_LOG_LEVEL: "error",
      // One bench user issues hundreds of times a minute.
      AIRLOCK_ISSUANCE_RATE_LIMIT: "1000000",
    },
  }).catch(async (error: unknown) => {
    await close();
    throw error;
  });
  return {
    url,
    signing,
    serverPid: server.pid,
    close: async () => {
      await server.stop();
      await close();
    },
  };
}
