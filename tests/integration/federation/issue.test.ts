import { readFileSync } from "node:fs";
import { GetCallerIdentityCommand, STSClient } from "@aws-sdk/client-sts";
import { chromium, type Browser } from "@playwright/test";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Emulator } from "@/dev/aws-emulator/server";
import type { SessionUser } from "@/lib/auth/session-user";
import { createGroupMapping, createRole } from "@/lib/entitlements/store";
import { resetEnvForTests } from "@/lib/env";
import { AppError } from "@/lib/errors";
import { createConsoleSignIn, issueCredentials } from "@/lib/federation/issue";
import { ensureDemoSigningMaterial } from "@/lib/saml/demo-keys";
import { parseSigningMaterial } from "@/lib/saml/signing-key";
import { seedDemo } from "@/prisma/seed";
import { chromiumLaunchOptions } from "@/tests/support/chromium";
import { createTempDb, type TempDb } from "@/tests/support/temp-db";
import { startTrustingEmulator } from "@/tests/support/federation-fixtures";

const alice: SessionUser = { id: "user_alice", email: "alice@example.com", username: "alice", groups: ["engineering"] };
const bob: SessionUser = {
  id: "user_bob",
  email: "bob@example.com",
  username: "bob",
  groups: ["engineering", "sre", "platform-admins"],
};
const client = { ip: "127.0.0.1", userAgent: "vitest" };

let temp: TempDb;
let emulator: Emulator;
let browser: Browser;

beforeAll(async () => {
  temp = await createTempDb();
  await seedDemo(temp.db);
  const { keyPath, certPath } = await ensureDemoSigningMaterial(temp.dir);
  const signing = parseSigningMaterial(readFileSync(keyPath, "utf8"), readFileSync(certPath, "utf8"));
  emulator = await startTrustingEmulator([signing.certificateBase64]);
  Object.assign(process.env, {
    AIRLOCK_DEMO: "true",
    AIRLOCK_DATA_DIR: temp.dir,
    AIRLOCK_URL: "http://localhost:3000",
    AIRLOCK_STS_ENDPOINT: emulator.url,
    AIRLOCK_SIGNIN_ENDPOINT: `${emulator.url}/federation`,
  });
  resetEnvForTests();
});
afterAll(async () => {
  await browser?.close();
  await emulator?.close();
  await temp?.cleanup();
});

const stsCalls = () => emulator.requests.filter((r) => r.action === "AssumeRoleWithSAML").length;

async function auditEvents(accountId: string, roleName: string) {
  return temp.db.auditEvent.findMany({ where: { accountId, roleName }, orderBy: { createdAt: "asc" } });
}

async function rejection(promise: Promise<unknown>): Promise<AppError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(AppError);
  return error as AppError;
}

describe("issueCredentials", () => {
  it("issues working credentials for an entitled role and audits the access key id, never the secret", async () => {
    const issued = await issueCredentials({
      db: temp.db,
      user: alice,
      input: { accountId: "111111111111", roleName: "Developer" },
      client,
    });
    expect(issued).toMatchObject({
      accountName: "sandbox",
      roleName: "Developer",
      assumedRoleArn: "arn:aws:sts::111111111111:assumed-role/Developer/alice@example.com",
      durationSeconds: 3600,
    });

    const identity = await new STSClient({
      region: "us-east-1",
      endpoint: emulator.url,
      credentials: { ...issued, expiration: new Date(issued.expiration) },
    }).send(new GetCallerIdentityCommand({}));
    expect(identity.Arn).toBe(issued.assumedRoleArn);

    const [event] = await auditEvents("111111111111", "Developer");
    expect(event).toMatchObject({
      action: "credentials.issue",
      outcome: "success",
      actor: "alice@example.com",
      userId: "user_alice",
      accessKeyId: issued.accessKeyId,
      clientIp: "127.0.0.1",
    });
    const stored = JSON.stringify(await temp.db.auditEvent.findMany());
    expect(stored).not.toContain(issued.secretAccessKey);
    expect(stored).not.toContain(issued.sessionToken);
  });

  it("refuses a role the user's groups do not reach, before any STS call, and audits the denial", async () => {
    const before = stsCalls();
    const error = await rejection(
      issueCredentials({ db: temp.db, user: alice, input: { accountId: "222222222222", roleName: "Admin" }, client }),
    );
    expect(error.code).toBe("forbidden");
    expect(error.message).toBe(
      "You are not entitled to role Admin in account 222222222222. Ask your Airlock administrators to map one of your groups to it.",
    );
    expect(stsCalls()).toBe(before);
    expect(await auditEvents("222222222222", "Admin")).toMatchObject([
      { outcome: "denied", reason: "not_entitled", actor: "alice@example.com" },
    ]);
  });

  it("clamps the duration to the role maximum and to a mapping's cap", async () => {
    const admin = await issueCredentials({
      db: temp.db,
      user: bob,
      input: { accountId: "333333333333", roleName: "Admin", durationSeconds: 43_200 },
    });
    expect(admin.durationSeconds).toBe(3600);

    const role = await temp.db.role.findUniqueOrThrow({
      where: { accountId_name: { accountId: "222222222222", name: "ReadOnly" } },
    });
    await createGroupMapping({
      db: temp.db,
      input: { group: "contractors", roleId: role.id, maxDurationSeconds: 1800 },
    });
    const contractor: SessionUser = {
      id: "user_carl",
      email: "carl@example.com",
      username: "carl",
      groups: ["contractors"],
    };
    const capped = await issueCredentials({
      db: temp.db,
      user: contractor,
      input: { accountId: "222222222222", roleName: "ReadOnly", durationSeconds: 43_200 },
    });
    expect(capped.durationSeconds).toBe(1800);
    expect(Date.parse(capped.expiration) - Date.now()).toBeLessThanOrEqual(1800_000);
  });

  it("turns an STS refusal into an actionable message and audits the failure", async () => {
    const ghost = await createRole({ db: temp.db, input: { accountId: "111111111111", name: "NotInAws" } });
    await createGroupMapping({ db: temp.db, input: { group: "engineering", roleId: ghost.id } });
    const error = await rejection(
      issueCredentials({ db: temp.db, user: alice, input: { accountId: "111111111111", roleName: "NotInAws" } }),
    );
    expect(error.code).toBe("upstream");
    expect(error.message).toContain("add this statement to its trust policy");
    expect(await auditEvents("111111111111", "NotInAws")).toMatchObject([
      { outcome: "failure", reason: "AccessDenied" },
    ]);
  });
});

describe("console sign-in", () => {
  beforeAll(async () => {
    browser = await chromium.launch(chromiumLaunchOptions);
  });

  it("refuses a destination that is not a console path, before any STS call", async () => {
    const before = stsCalls();
    const error = await rejection(
      createConsoleSignIn({
        db: temp.db,
        user: alice,
        input: { accountId: "111111111111", roleName: "Developer", destination: "https://evil.example.com/" },
      }),
    );
    expect(error.code).toBe("invalid_input");
    expect(stsCalls()).toBe(before);
  });

  it("opens the emulator's console in a real browser as the right role and session, logging out an earlier session first", async () => {
    const page = await browser.newPage();
    const { url: first } = await createConsoleSignIn({
      db: temp.db,
      user: alice,
      input: { accountId: "111111111111", roleName: "Developer", region: "eu-west-1", destination: "s3" },
    });
    expect(first.startsWith(`${emulator.url}/oauth?Action=logout&redirect_uri=`)).toBe(true);
    await page.goto(first);
    await expect
      .poll(() => page.getByTestId("assumed-role-arn").textContent())
      .toBe("arn:aws:sts::111111111111:assumed-role/Developer/alice@example.com");
    expect(await page.getByTestId("session-name").textContent()).toBe("alice@example.com");
    expect(await page.getByTestId("source-identity").textContent()).toBe("alice");
    expect(await page.getByTestId("destination").textContent()).toBe(
      "https://eu-west-1.console.aws.amazon.com/s3/home?region=eu-west-1",
    );

    // Without the logout hop the console refuses a second account, as AWS does.
    const { url: second } = await createConsoleSignIn({
      db: temp.db,
      user: alice,
      input: { accountId: "222222222222", roleName: "ReadOnly" },
    });
    const loginOnly = new URL(second).searchParams.get("redirect_uri")!;
    await page.goto(loginOnly);
    await expect.poll(() => page.locator("body").textContent()).toContain("You must first log out");

    const { url: third } = await createConsoleSignIn({
      db: temp.db,
      user: alice,
      input: { accountId: "222222222222", roleName: "ReadOnly" },
    });
    await page.goto(third);
    await expect
      .poll(() => page.getByTestId("assumed-role-arn").textContent())
      .toBe("arn:aws:sts::222222222222:assumed-role/ReadOnly/alice@example.com");
    await page.close();
  });
});
