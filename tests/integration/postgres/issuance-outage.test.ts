import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import type { Emulator } from "@/dev/aws-emulator/server";
import type { SessionUser } from "@/lib/auth/session-user";
import { createDb, type Db } from "@/lib/db/client";
import { migrateDatabase } from "@/lib/db/migrate";
import { resetEnvForTests } from "@/lib/env";
import { toErrorResponse } from "@/lib/errors";
import { issueCredentials } from "@/lib/federation/issue";
import { ensureDemoSigningMaterial } from "@/lib/saml/demo-keys";
import { parseSigningMaterial } from "@/lib/saml/signing-key";
import { seedDemo } from "@/prisma/seed";
import { createDatabase, startPostgres, type PostgresServer } from "@/tests/support/postgres";
import { startStsHook, type StsHook } from "@/tests/support/sts-hook";
import { startTrustingEmulator } from "@/tests/support/federation-fixtures";

// A PostgreSQL outage at the two moments of an issuance that matter to its audit trail: before
// the attempt is recorded (AWS must not be asked) and between the attempt and its completion
// (AWS issued; the attempt stays on record). The database server is this test's own, stopped and
// started again.

const alice: SessionUser = { id: "user_alice", email: "alice@example.com", username: "alice", groups: ["engineering"] };
const input = { accountId: "111111111111", roleName: "Developer" };
const client = { ip: "203.0.113.9", userAgent: "vitest" };

let postgres: PostgresServer;
let db: Db;
let emulator: Emulator;
let sts: StsHook;
let dataDir: string;

beforeAll(async () => {
  postgres = await startPostgres();
  const databaseUrl = await createDatabase(postgres.adminUrl, "airlock_outage");
  await migrateDatabase({ databaseUrl });
  // Give up on the database within about a second, as a deployment with AIRLOCK_DATABASE_TIMEOUT=1 would.
  db = createDb(databaseUrl, { poolSize: 4, timeoutSeconds: 1 });
  await seedDemo(db);
  dataDir = mkdtempSync(path.join(os.tmpdir(), "airlock-outage-"));
  const { keyPath, certPath } = await ensureDemoSigningMaterial(dataDir);
  const signing = parseSigningMaterial(readFileSync(keyPath, "utf8"), readFileSync(certPath, "utf8"));
  emulator = await startTrustingEmulator([signing.certificateBase64]);
  sts = await startStsHook(emulator.url);
  Object.assign(process.env, {
    AIRLOCK_DEMO: "true",
    AIRLOCK_DATA_DIR: dataDir,
    AIRLOCK_URL: "http://localhost:3000",
    AIRLOCK_STS_ENDPOINT: sts.url,
    AIRLOCK_SIGNIN_ENDPOINT: `${emulator.url}/federation`,
  });
  resetEnvForTests();
}, 120_000);

afterAll(async () => {
  await sts?.close();
  await emulator?.close();
  await db?.$disconnect();
  postgres?.stop();
  if (dataDir) rmSync(dataDir, { recursive: true, force: true });
});

const issuedByEmulator = () => emulator.requests.filter((r) => r.action === "AssumeRoleWithSAML").length;

/** Waits until the pool reaches the restarted server again (no fixed sleep). */
async function waitForDatabase() {
  await expect
    .poll(
      () =>
        db.$queryRawUnsafe("SELECT 1").then(
          () => true,
          () => false,
        ),
      { timeout: 30_000 },
    )
    .toBe(true);
}

describe("issuance during a PostgreSQL outage", () => {
  it("stopped between the attempt and its completion: AWS issued, the attempt stays on record, the log names the key", async () => {
    const lines: string[] = [];
    vi.spyOn(process.stderr, "write").mockImplementation((chunk: string | Uint8Array) => {
      lines.push(String(chunk));
      return true;
    });
    sts.beforeNextCall(() => postgres.pause());
    let issued: Awaited<ReturnType<typeof issueCredentials>> | undefined;
    try {
      issued = await issueCredentials({ db, user: alice, input, client });
    } finally {
      vi.restoreAllMocks();
      postgres.resume();
    }
    await waitForDatabase();

    const rows = await db.auditEvent.findMany({ where: { action: "credentials.issue" } });
    expect(rows).toEqual([
      expect.objectContaining({
        outcome: "pending",
        actor: "alice@example.com",
        clientIp: "203.0.113.9",
        accessKeyId: null,
      }),
    ]);
    const failed = lines
      .join("")
      .split("\n")
      .filter((line) => line.includes('"audit_write_failed"'))
      .map((line) => JSON.parse(line) as Record<string, unknown>);
    expect(failed).toEqual([
      expect.objectContaining({
        stage: "completion",
        attemptId: rows[0].id,
        accessKeyId: issued!.accessKeyId,
        actor: "alice@example.com",
      }),
    ]);
    expect(JSON.stringify(failed)).not.toContain(issued!.secretAccessKey);
  }, 90_000);

  it("stopped before the attempt: no call reaches STS, and the answer is 503 with Retry-After", async () => {
    const before = { emulator: issuedByEmulator(), hook: sts.calls() };
    postgres.pause();
    let error: unknown;
    try {
      error = await issueCredentials({ db, user: alice, input, client }).then(
        () => undefined,
        (e: unknown) => e,
      );
    } finally {
      postgres.resume();
    }
    expect(error).toBeDefined();
    const response = toErrorResponse(error);
    expect(response.status).toBe(503);
    expect(Number(response.headers.get("retry-after"))).toBeGreaterThan(0);
    expect(sts.calls()).toBe(before.hook);
    expect(issuedByEmulator()).toBe(before.emulator);
    await waitForDatabase();
  }, 90_000);
});
