import { readFileSync } from "node:fs";
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import type { Emulator } from "@/dev/aws-emulator/server";
import { describeAuditEvent } from "@/lib/audit/describe-event";
import { listLiveAwsSessions } from "@/lib/audit/live-aws-sessions";
import type { SessionUser } from "@/lib/auth/session-user";
import { resetEnvForTests } from "@/lib/env";
import { AppError, toErrorResponse } from "@/lib/errors";
import { issueCredentials } from "@/lib/federation/issue";
import { ensureDemoSigningMaterial } from "@/lib/saml/demo-keys";
import { parseSigningMaterial } from "@/lib/saml/signing-key";
import { seedDemo } from "@/prisma/seed";
import { startStsHook, type StsHook } from "@/tests/support/sts-hook";
import { createTempDb, type TempDb } from "@/tests/support/temp-db";
import { startTrustingEmulator } from "@/tests/support/federation-fixtures";

// "Every attempt is audited": the attempt row is written before STS is called, and completed
// after. Runs on SQLite, and on PostgreSQL in npm test's PostgreSQL pass. The audit table is taken
// away (renamed) at the step under test, which fails exactly the audit writes and nothing else;
// tests/integration/postgres/issuance-outage.test.ts stops the whole database instead.

const alice: SessionUser = { id: "user_alice", email: "alice@example.com", username: "alice", groups: ["engineering"] };
const client = { ip: "203.0.113.7", userAgent: "vitest" };
const input = { accountId: "111111111111", roleName: "Developer" };

let temp: TempDb;
let emulator: Emulator;
let sts: StsHook;

beforeAll(async () => {
  temp = await createTempDb();
  await seedDemo(temp.db);
  const { keyPath, certPath } = await ensureDemoSigningMaterial(temp.dir);
  const signing = parseSigningMaterial(readFileSync(keyPath, "utf8"), readFileSync(certPath, "utf8"));
  emulator = await startTrustingEmulator([signing.certificateBase64]);
  sts = await startStsHook(emulator.url);
  Object.assign(process.env, {
    AIRLOCK_DEMO: "true",
    AIRLOCK_DATA_DIR: temp.dir,
    AIRLOCK_URL: "http://localhost:3000",
    AIRLOCK_STS_ENDPOINT: sts.url,
    AIRLOCK_SIGNIN_ENDPOINT: `${emulator.url}/federation`,
  });
  resetEnvForTests();
});
afterAll(async () => {
  await sts?.close();
  await emulator?.close();
  await temp?.cleanup();
});
afterEach(async () => {
  vi.restoreAllMocks();
  await restoreAuditTable();
  await temp.db.auditEvent.deleteMany();
});

const issuedByEmulator = () => emulator.requests.filter((r) => r.action === "AssumeRoleWithSAML").length;

async function takeAuditTableAway() {
  await temp.db.$executeRawUnsafe(`ALTER TABLE "AuditEvent" RENAME TO "AuditEventAway"`);
}
async function restoreAuditTable() {
  const [away] = await temp.db.$queryRawUnsafe<unknown[]>(
    testTableQuery(temp.databaseUrl.startsWith("file:") ? "sqlite" : "postgresql"),
  );
  if (away) await temp.db.$executeRawUnsafe(`ALTER TABLE "AuditEventAway" RENAME TO "AuditEvent"`);
}
const testTableQuery = (provider: "sqlite" | "postgresql") =>
  provider === "sqlite"
    ? `SELECT name FROM sqlite_master WHERE type = 'table' AND name = 'AuditEventAway'`
    : `SELECT CAST(tablename AS TEXT) AS name FROM pg_tables WHERE tablename = 'AuditEventAway'`;

/** What log.error wrote to stderr while `work` ran, one parsed JSON object per line. */
function captureErrorLog(): () => Record<string, unknown>[] {
  const lines: string[] = [];
  vi.spyOn(process.stderr, "write").mockImplementation((chunk: string | Uint8Array) => {
    lines.push(String(chunk));
    return true;
  });
  return () =>
    lines
      .join("")
      .split("\n")
      .filter((line) => line.startsWith("{"))
      .map((line) => JSON.parse(line) as Record<string, unknown>);
}

describe("the audit attempt", () => {
  it("is on record, pending, with who, what and from where, when STS is called; then completed with the key", async () => {
    let atStsCall: Awaited<ReturnType<typeof temp.db.auditEvent.findMany>> = [];
    sts.beforeNextCall(async () => {
      atStsCall = await temp.db.auditEvent.findMany();
    });
    const issued = await issueCredentials({ db: temp.db, user: alice, input, client });

    expect(atStsCall).toHaveLength(1);
    const [attempt] = atStsCall;
    expect(attempt).toMatchObject({
      action: "credentials.issue",
      outcome: "pending",
      userId: "user_alice",
      actor: "alice@example.com",
      accountId: "111111111111",
      roleName: "Developer",
      clientIp: "203.0.113.7",
      accessKeyId: null,
    });
    expect(JSON.parse(attempt.details!)).toMatchObject({ roleArn: "arn:aws:iam::111111111111:role/Developer" });

    const [completed] = await temp.db.auditEvent.findMany();
    expect(completed).toMatchObject({ id: attempt.id, outcome: "success", accessKeyId: issued.accessKeyId });
    expect(JSON.parse(completed.details!)).toMatchObject({ expiration: issued.expiration, durationSeconds: 3600 });
  });

  it("when it cannot be recorded, STS is never called and the answer is 503 with Retry-After", async () => {
    const before = { emulator: issuedByEmulator(), hook: sts.calls() };
    const errors = captureErrorLog();
    await takeAuditTableAway();
    const error = await issueCredentials({ db: temp.db, user: alice, input, client }).then(
      () => undefined,
      (e: unknown) => e,
    );

    expect(error).toBeInstanceOf(AppError);
    expect((error as AppError).code).toBe("unavailable");
    expect((error as AppError).message).toMatch(/cannot write its audit log right now.*did not go ahead/);
    expect(sts.calls()).toBe(before.hook);
    expect(issuedByEmulator()).toBe(before.emulator);
    const response = toErrorResponse(error);
    expect(response.status).toBe(503);
    expect(Number(response.headers.get("retry-after"))).toBeGreaterThan(0);
    expect(errors()).toContainEqual(
      expect.objectContaining({ event: "audit_write_failed", outcome: "pending", actor: "alice@example.com" }),
    );
  });

  it("left pending when its completion cannot be written: the credentials stand, the log names the key, the audit log says so", async () => {
    const errors = captureErrorLog();
    sts.beforeNextCall(takeAuditTableAway);
    const issued = await issueCredentials({ db: temp.db, user: alice, input, client });
    await restoreAuditTable();

    const rows = await temp.db.auditEvent.findMany();
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ outcome: "pending", actor: "alice@example.com", roleName: "Developer" });
    expect(rows[0].accessKeyId).toBeNull();
    expect(describeAuditEvent(rows[0], new Map([["111111111111", "sandbox"]]))).toBe(
      "alice got CLI credentials for sandbox/Developer (pending: issued or not; completion could not be recorded)",
    );
    // Still listed among the person's possibly live AWS sessions, for "revoke access".
    expect(await listLiveAwsSessions({ db: temp.db, userIds: ["user_alice"] })).toMatchObject([
      { roleArn: "arn:aws:iam::111111111111:role/Developer", accessKeyId: null },
    ]);

    const failed = errors().filter((line) => line.event === "audit_write_failed");
    expect(failed).toEqual([
      expect.objectContaining({
        stage: "completion",
        attemptId: rows[0].id,
        accessKeyId: issued.accessKeyId,
        userId: "user_alice",
        actor: "alice@example.com",
        accountId: "111111111111",
        roleName: "Developer",
      }),
    ]);
    const logged = JSON.stringify(failed);
    expect(logged).not.toContain(issued.secretAccessKey);
    expect(logged).not.toContain(issued.sessionToken);
  });
});
