import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { startEmulator, type Emulator } from "@/dev/aws-emulator/server";
import { buildDemoState } from "@/dev/aws-emulator/state";
import { createDb, type Db } from "@/lib/db/client";
import { seedDemo } from "@/prisma/seed";
import { createCliHome } from "@/tests/support/cli-home";
import { signInTerminal } from "@/tests/support/device-flow";
import { metadataFor } from "@/tests/support/federation-fixtures";
import { createAwsCli } from "@/tests/support/aws-cli";
import { alice, samlServerEnv, signInOverHttp, testIdpKey } from "@/tests/support/http-session";
import { startServer, type RunningServer } from "@/tests/support/server";

// A role's guardrails, over real HTTP against the built app and the AWS emulator: a role that
// requires a reason is refused without one before STS is asked; with one, AWS receives it as the
// session tag AirlockReason and the audit log keeps it; the role's default and limit decide the
// DurationSeconds STS sees; a read-only-first role's sessions carry a read-only session policy that
// the emulator enforces (the real AWS CLI is refused a write), unless write is asked for.

const role = { accountId: "333333333333", roleName: "ReadOnly" };
const readOnlyFirst = { accountId: "111111111111", roleName: "Developer" };
const readOnlyPolicy = "arn:aws:iam::aws:policy/ReadOnlyAccess";

let emulator: Emulator;
let server: RunningServer;
let db: Db;
let session: string;

beforeAll(async () => {
  const state = buildDemoState({});
  for (const provider of state.providers) provider.metadataXml = metadataFor(testIdpKey);
  emulator = await startEmulator({ state });
  server = await startServer(
    samlServerEnv({ AIRLOCK_STS_ENDPOINT: emulator.url, AIRLOCK_SIGNIN_ENDPOINT: `${emulator.url}/federation` }),
  );
  session = await signInOverHttp(server, alice).catch((e: unknown) => {
    console.error(server.output());
    throw e;
  });
  db = createDb(server.databaseUrl);
  await seedDemo(db);
  // ReadOnly's IAM maximum is 12 hours; Airlock holds it to 2, and gives 30 minutes unless asked.
  await db.role.updateMany({
    where: { accountId: role.accountId, name: role.roleName },
    data: { requireReason: true, defaultSessionDuration: 1800, sessionDurationLimit: 7200 },
  });
  await db.role.updateMany({
    where: { accountId: readOnlyFirst.accountId, name: readOnlyFirst.roleName },
    data: { readOnlyFirst: true },
  });
});
afterAll(async () => {
  await db?.$disconnect();
  await server?.stop();
  await emulator?.close();
});
beforeEach(async () => {
  emulator.requests.length = 0;
  await db.auditEvent.deleteMany();
});

const assumeCalls = () => emulator.requests.filter((r) => r.action === "AssumeRoleWithSAML");

function postCredentials(body: Record<string, unknown>): Promise<Response> {
  return fetch(`${server.url}/api/credentials`, {
    method: "POST",
    headers: { cookie: session, "content-type": "application/json" },
    body: JSON.stringify({ ...role, ...body }),
  });
}

async function onlyAuditRow() {
  const rows = await db.auditEvent.findMany();
  expect(rows).toHaveLength(1);
  return { ...rows[0], details: JSON.parse(rows[0].details ?? "{}") as Record<string, unknown> };
}

describe("a role that requires a reason", () => {
  it.each([{}, { reason: "   " }])("refuses %j with 400 reason_required, audited, and never asks STS", async (body) => {
    const response = await postCredentials(body);
    expect(response.status).toBe(400);
    expect(await response.json()).toEqual({
      error: {
        code: "reason_required",
        message:
          "production / ReadOnly requires a reason for every session. Say why you need it (for example a ticket reference) and try again.",
        accountId: "333333333333",
        roleName: "ReadOnly",
        fieldErrors: { reason: "Give a reason." },
      },
    });
    expect(assumeCalls()).toEqual([]);
    expect(await onlyAuditRow()).toMatchObject({
      action: "credentials.issue",
      outcome: "denied",
      reason: "reason_required",
      actor: "alice@example.com",
      accountId: "333333333333",
      roleName: "ReadOnly",
    });
  });

  it("sends the reason to AWS as the session tag AirlockReason, cut to AWS's rules, and audits it as given", async () => {
    const reason = "INC-42: rotate <keys> & check 'prod'";
    const response = await postCredentials({ reason: `  ${reason}  ` });
    expect(response.status, await response.clone().text()).toBe(200);
    const issued = (await response.json()) as { accessKeyId: string };

    const [call] = assumeCalls();
    expect(call).toMatchObject({ outcome: "success", accessKeyId: issued.accessKeyId });
    expect(call.sessionTags).toEqual({
      AirlockUser: "alice@example.com",
      AirlockGroups: "engineering",
      AirlockReason: "INC-42: rotate _keys_ _ check _prod_",
    });
    expect(emulator.store.find(issued.accessKeyId)?.tags.AirlockReason).toBe("INC-42: rotate _keys_ _ check _prod_");
    expect(await onlyAuditRow()).toMatchObject({
      outcome: "success",
      accessKeyId: issued.accessKeyId,
      details: expect.objectContaining({ reason }),
    });
  });

  it("opens the console with a reason; a click without one goes to /go, which asks for it", async () => {
    const created = await fetch(`${server.url}/api/console?${new URLSearchParams(role)}`, {
      headers: { cookie: session, "sec-fetch-site": "same-origin", "sec-fetch-user": "?1" },
      redirect: "manual",
    });
    // A click in the browser without a reason goes to /go, which asks for it.
    expect(created.status).toBe(303);
    expect(created.headers.get("location")).toBe("/go?account=333333333333&role=ReadOnly");
    expect(assumeCalls()).toEqual([]);

    const opened = await fetch(`${server.url}/api/console?${new URLSearchParams({ ...role, reason: "INC-7" })}`, {
      headers: { cookie: session, "sec-fetch-site": "same-origin", "sec-fetch-user": "?1" },
      redirect: "manual",
    });
    expect(opened.status).toBe(302);
    expect(opened.headers.get("location")).toContain(emulator.url);
    expect(assumeCalls()[0].sessionTags).toMatchObject({ AirlockReason: "INC-7" });
  });
});

describe("a read-only-first role", () => {
  let aws: ReturnType<typeof createAwsCli>;
  beforeAll(() => void (aws = createAwsCli(emulator.url)));
  afterAll(() => aws?.cleanup());
  const iam = (keys: { accessKeyId: string; secretAccessKey: string; sessionToken: string }, ...args: string[]) =>
    aws.cli(keys, "iam", ...args);

  async function credentials(body: Record<string, unknown>) {
    const response = await postCredentials({ ...readOnlyFirst, ...body });
    expect(response.status, await response.clone().text()).toBe(200);
    return (await response.json()) as {
      accessKeyId: string;
      secretAccessKey: string;
      sessionToken: string;
      sessionPolicyArns?: string[];
    };
  }

  it("issues read-only by default: AWS gets the session policy, and the AWS CLI may read but not write", async () => {
    const issued = await credentials({});
    expect(issued.sessionPolicyArns).toEqual([readOnlyPolicy]);
    expect(assumeCalls()[0]).toMatchObject({ outcome: "success", policyArns: [readOnlyPolicy] });
    expect(await onlyAuditRow()).toMatchObject({
      outcome: "success",
      details: expect.objectContaining({ access: "read-only", sessionPolicyArns: [readOnlyPolicy] }),
    });

    const read = await iam(issued, "get-role", "--role-name", "Developer");
    expect(read.code, read.stderr).toBe(0);
    expect(JSON.parse(read.stdout)).toMatchObject({ Role: { RoleName: "Developer" } });
    const write = await iam(issued, "update-role", "--role-name", "Developer", "--description", "changed");
    expect(write.code).not.toBe(0);
    expect(write.stderr).toContain(
      `An error occurred (AccessDenied) when calling the UpdateRole operation: User: arn:aws:sts::111111111111:assumed-role/Developer/alice@example.com is not authorized to perform: iam:UpdateRole on resource: role Developer because no session policy allows the iam:UpdateRole action`,
    );
  });

  it("issues the role's own permissions when write is asked for, audited as write", async () => {
    const issued = await credentials({ access: "write" });
    expect(issued.sessionPolicyArns).toBeUndefined();
    expect(assumeCalls()[0]).toMatchObject({ outcome: "success", policyArns: [] });
    expect(await onlyAuditRow()).toMatchObject({
      outcome: "success",
      details: expect.objectContaining({ access: "write" }),
    });
    const write = await iam(issued, "update-role", "--role-name", "Developer", "--description", "changed");
    expect(write.code, write.stderr).toBe(0);
  });

  it("refuses an access that is neither read-only nor write, before STS", async () => {
    const response = await postCredentials({ ...readOnlyFirst, access: "admin" });
    expect(response.status).toBe(400);
    expect(((await response.json()) as { error: { message: string } }).error.message).toContain(
      "Access is read-only or write.",
    );
    expect(assumeCalls()).toEqual([]);
  });

  it("opens the console read-only on a click; write access always goes through the /go confirmation", async () => {
    const click = { cookie: session, "sec-fetch-site": "same-origin", "sec-fetch-user": "?1" };
    const opened = await fetch(`${server.url}/api/console?${new URLSearchParams(readOnlyFirst)}`, {
      headers: click,
      redirect: "manual",
    });
    expect(opened.status).toBe(302);
    expect(assumeCalls()[0]).toMatchObject({ outcome: "success", policyArns: [readOnlyPolicy] });

    emulator.requests.length = 0;
    const write = new URLSearchParams({ ...readOnlyFirst, access: "write" });
    const asked = await fetch(`${server.url}/api/console?${write}`, { headers: click, redirect: "manual" });
    expect(asked.status).toBe(303);
    expect(asked.headers.get("location")).toBe("/go?account=111111111111&role=Developer&access=write");
    const page = await fetch(`${server.url}${asked.headers.get("location")}`, { headers: click });
    expect(page.status).toBe(200);
    const html = await page.text();
    expect(html).toContain("Open the AWS console?");
    expect(html).toContain("Write access");
    // Airlock's own "Console with write" link ticks the box; the same link from elsewhere does not.
    const tickedWrite = /<input(?=[^>]*value="write")(?=[^>]*checked="")[^>]*>/;
    expect(html).toMatch(tickedWrite);
    const fromElsewhere = await fetch(`${server.url}${asked.headers.get("location")}`, {
      headers: { cookie: session },
    });
    expect(await fromElsewhere.text()).not.toMatch(tickedWrite);
    expect(assumeCalls()).toEqual([]);
  });

  it.each(["access=read-only&access=write", "access=&access=write", "access=write&access=write"])(
    "sends a click with %s to the confirmation, issuing nothing",
    async (repeated) => {
      const query = `${new URLSearchParams(readOnlyFirst)}&${repeated}`;
      const click = { cookie: session, "sec-fetch-site": "same-origin", "sec-fetch-user": "?1" };
      const asked = await fetch(`${server.url}/api/console?${query}`, { headers: click, redirect: "manual" });
      expect(asked.status).toBe(303);
      expect(asked.headers.get("location")).toBe("/go?account=111111111111&role=Developer&access=write");
      expect(assumeCalls()).toEqual([]);
    },
  );

  it("keeps a read-only request from a link on a role that is not read-only first through the confirmation", async () => {
    const link = `/go?${new URLSearchParams({ account: "222222222222", role: "ReadOnly", access: "read-only" })}`;
    const html = await (await fetch(`${server.url}${link}`, { headers: { cookie: session } })).text();
    expect(html).toContain("Open the AWS console?");
    expect(html).toContain('name="access" value="read-only"');
    expect(html).not.toContain("Write access");
  });

  it("audits a refused write request as one", async () => {
    const response = await postCredentials({ access: "write" });
    expect(response.status).toBe(400);
    expect(await onlyAuditRow()).toMatchObject({
      outcome: "denied",
      reason: "reason_required",
      details: { access: "write" },
    });
  });
});

describe("a role's default and limit", () => {
  it.each([
    { asked: undefined, sts: 1800, why: "nothing asked: the role's default" },
    { asked: 3600, sts: 3600, why: "within the limit: as asked" },
    { asked: 43_200, sts: 7200, why: "past Airlock's limit (the IAM maximum is 12 h): the limit" },
  ])("$why", async ({ asked, sts }) => {
    const response = await postCredentials({ reason: "INC-1", ...(asked && { durationSeconds: asked }) });
    expect(response.status, await response.clone().text()).toBe(200);
    expect(assumeCalls()[0]).toMatchObject({ outcome: "success", durationSeconds: sts });
    const { expiration } = (await response.json()) as { expiration: string };
    const seconds = (Date.parse(expiration) - Date.now()) / 1000;
    expect(seconds).toBeGreaterThan(sts - 120);
    expect(seconds).toBeLessThanOrEqual(sts);
  });

  it("lists the role with its guardrails for the CLI", async () => {
    const response = await fetch(`${server.url}/api/entitlements`, { headers: { cookie: session } });
    const { roles } = (await response.json()) as { roles: Record<string, unknown>[] };
    expect(roles.find((r) => r.accountId === role.accountId && r.roleName === role.roleName)).toMatchObject({
      maxSessionDuration: 43_200,
      allowedSessionDuration: 7200,
      defaultSessionDuration: 1800,
      requireReason: true,
    });
  });
});

describe("the airlock CLI, signed in on this server", () => {
  let cli: ReturnType<typeof createCliHome>;

  beforeAll(async () => {
    cli = createCliHome({ url: server.url, token: await signInTerminal(server, session), email: alice.email });
  }, 90_000);
  afterAll(() => cli?.remove());

  const airlock = (...args: string[]) => cli.airlock(...args);

  it("says the role requires a reason (exit 11) without asking AWS, and sends --reason as the session tag", async () => {
    const refused = await airlock("creds", "--account", "production", "--role", "ReadOnly");
    expect(refused.code).toBe(11);
    expect(refused.stderr).toBe(
      'airlock: production / ReadOnly requires a reason for every session. Say why you need it (for example a ticket reference) and try again. Pass it with --reason, e.g. --reason "INC-1234: restart the API".\n',
    );
    expect(assumeCalls()).toEqual([]);

    const issued = await airlock("creds", "--account", "production", "--role", "ReadOnly", "--reason", "INC-9: CLI");
    expect(issued.code, issued.stderr).toBe(0);
    expect(JSON.parse(issued.stdout)).toMatchObject({ Version: 1, AccessKeyId: expect.stringMatching(/^ASIA/) });
    expect(assumeCalls()[0]).toMatchObject({ durationSeconds: 1800, sessionTags: { AirlockReason: "INC-9: CLI" } });

    const listed = await airlock("ls");
    expect(listed.stdout).toMatch(/^333333333333 +production +prod +ReadOnly +2h +required$/m);
  });

  it("issues a read-only-first role read-only, and with --write the role's own permissions, cached apart", async () => {
    const readOnly = await airlock("creds", "--account", "sandbox", "--role", "Developer");
    expect(readOnly.code, readOnly.stderr).toBe(0);
    expect(assumeCalls()[0]).toMatchObject({ policyArns: [readOnlyPolicy] });

    const write = await airlock("creds", "--account", "sandbox", "--role", "Developer", "--write");
    expect(write.code, write.stderr).toBe(0);
    expect(assumeCalls()).toHaveLength(2);
    expect(assumeCalls()[1]).toMatchObject({ policyArns: [] });
    expect(JSON.parse(write.stdout).AccessKeyId).not.toBe(JSON.parse(readOnly.stdout).AccessKeyId);

    // Each is served from its own cache entry the second time.
    const again = await airlock("creds", "--account", "sandbox", "--role", "Developer");
    expect(JSON.parse(again.stdout).AccessKeyId).toBe(JSON.parse(readOnly.stdout).AccessKeyId);
    expect(assumeCalls()).toHaveLength(2);
  });
});
