import { createServer, type IncomingMessage, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { assertEntitled } from "@/lib/entitlements/assert-entitled";
import { listAccess } from "@/lib/entitlements/list-access";
import { resetEnvForTests } from "@/lib/env";
import { AppError } from "@/lib/errors";
import { createAccessRequest, decideAccessRequest, endAccessRequest } from "@/lib/requests/access-requests";
import { closeExpiredRequests } from "@/lib/requests/close-expired-requests";
import { listRequestsToDecide } from "@/lib/requests/list-requests";
import type { RequestActor } from "@/lib/requests/request-view";
import { deliverWebhook, signWebhookBody } from "@/lib/requests/webhook";
import { seedDemo } from "@/prisma/seed";
import { createTempDb, type TempDb } from "@/tests/support/temp-db";

// Just-in-time access against a real database: eligibility, requests, approvals (never one's own,
// only by the mapping's approvers, two when the role asks), grants that the entitlement rule honours
// until they end, ending early, closing what ran out, and the webhook a local receiver gets, signed.

const production = { accountId: "333333333333", roleName: "Admin" };
const secret = "webhook-secret-for-tests-0123456789";

type Received = { headers: IncomingMessage["headers"]; body: string };
let temp: TempDb;
let receiver: Server;
let received: Received[];
let answers: number[];
const people: Record<string, RequestActor> = {};
const hadSecret = Boolean(process.env.AIRLOCK_SECRET);

async function person(name: string, groups: string[], isAdmin = false, idp = "saml:test"): Promise<RequestActor> {
  const user = await temp.db.user.create({
    data: {
      idp,
      subject: name,
      email: `${name}@example.com`,
      username: name,
      groups: JSON.stringify(groups),
    },
  });
  return { id: user.id, email: user.email, groups, isAdmin };
}

async function refusal(promise: Promise<unknown>): Promise<AppError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(AppError);
  return error as AppError;
}

/** The deliveries about one request (notifications of earlier tests may still arrive). */
const about = (id: string) =>
  received.filter((r) => (JSON.parse(r.body) as { request: { id: string } }).request.id === id);

/** Waits (bounded) until the receiver holds `count` deliveries about request `id`. */
async function deliveries(id: string, count: number): Promise<Received[]> {
  for (let i = 0; i < 200 && about(id).length < count; i++) await new Promise((r) => setTimeout(r, 25));
  return about(id);
}

function verified(delivery: Received) {
  const timestamp = String(delivery.headers["x-airlock-timestamp"]);
  expect(delivery.headers["x-airlock-signature"]).toBe(signWebhookBody({ secret, timestamp, body: delivery.body }));
  return JSON.parse(delivery.body) as { event: string; text: string; request: Record<string, unknown> };
}

beforeAll(async () => {
  received = [];
  answers = [];
  receiver = createServer((req, res) => {
    let body = "";
    req.on("data", (chunk: Buffer) => (body += chunk.toString("utf8")));
    req.on("end", () => {
      received.push({ headers: req.headers, body });
      // Scripted answers are for the delivery tests' event (id r1) only.
      const isScripted = (JSON.parse(body) as { request: { id: string } }).request.id === "r1";
      res.statusCode = (isScripted && answers.shift()) || 200;
      res.end();
    });
  });
  await new Promise<void>((resolve) => receiver.listen(0, "127.0.0.1", resolve));
  process.env.AIRLOCK_WEBHOOK_URL = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/hook`;
  process.env.AIRLOCK_WEBHOOK_SECRET = secret;
  process.env.AIRLOCK_REQUEST_TICKET_PATTERN = "OPS-\\d+";
  if (!hadSecret) process.env.AIRLOCK_SECRET = "integration-test-secret-0123456789abcdef";
  resetEnvForTests();
  temp = await createTempDb();
  await seedDemo(temp.db);
  people.alice = await person("alice", ["engineering"]);
  people.erin = await person("erin", ["engineering", "sre"]);
  people.bob = await person("bob", ["engineering", "sre"]);
  people.carol = await person("carol", ["engineering"]);
  people.admin = await person("admin", ["platform-admins"], true);
});
afterAll(async () => {
  delete process.env.AIRLOCK_WEBHOOK_URL;
  delete process.env.AIRLOCK_WEBHOOK_SECRET;
  delete process.env.AIRLOCK_REQUEST_TICKET_PATTERN;
  if (!hadSecret) delete process.env.AIRLOCK_SECRET;
  resetEnvForTests();
  await temp?.cleanup();
  await new Promise((resolve) => receiver?.close(resolve));
});
beforeEach(async () => {
  await temp.db.accessRequest.deleteMany();
  await temp.db.rateLimit.deleteMany();
  received.length = 0;
});

const ask = (actor: RequestActor, extra: Record<string, unknown> = {}) =>
  createAccessRequest({
    db: temp.db,
    actor,
    input: { ...production, reason: "INC-7: failover", durationSeconds: 3600, ...extra },
  });

describe("requests and approvals", () => {
  it("alice asks, cannot approve it herself, bob (sre) approves, and the grant works until it ends", async () => {
    const { alice, bob } = people;
    await expect(
      assertEntitled({ db: temp.db, groups: alice.groups, userId: alice.id, ...production }),
    ).rejects.toMatchObject({
      code: "forbidden",
      details: { requestable: true },
    });
    const request = await ask(alice, { ticket: "OPS-12" });
    expect(request).toMatchObject({
      status: "pending",
      approvers: { groups: ["sre"], admins: false },
      approvalsRequired: 1,
    });

    const own = await refusal(
      decideAccessRequest({ db: temp.db, actor: alice, input: { requestId: request.id, decision: "approve" } }),
    );
    expect(own.code).toBe("forbidden");
    expect(own.message).toMatch(/your own request/);
    const other = await refusal(
      decideAccessRequest({ db: temp.db, actor: people.carol, input: { requestId: request.id, decision: "approve" } }),
    );
    // Someone who may not decide learns nothing of the request.
    expect(other.code).toBe("not_found");
    expect((await listRequestsToDecide({ db: temp.db, actor: alice })).map((r) => r.id)).toEqual([]);
    expect((await listRequestsToDecide({ db: temp.db, actor: bob })).map((r) => r.id)).toEqual([request.id]);

    const now = new Date();
    const approved = await decideAccessRequest({
      db: temp.db,
      actor: bob,
      input: { requestId: request.id, decision: "approve", comment: "go ahead" },
      now,
    });
    expect(approved.status).toBe("approved");
    expect(approved.expiresAt.getTime()).toBe(now.getTime() + 3600_000);

    const entitlement = await assertEntitled({ db: temp.db, groups: alice.groups, userId: alice.id, ...production });
    expect(entitlement).toMatchObject({ standing: false, viaGroups: ["engineering"] });
    expect(entitlement.grant).toMatchObject({ requestId: request.id, reason: "INC-7: failover" });
    expect(entitlement.allowedSessionDuration).toBeLessThanOrEqual(3600);
    // Listed with the role, no longer offered for request... but requestable again to renew.
    const access = await listAccess({ db: temp.db, groups: alice.groups, userId: alice.id });
    expect(access.entitlements.find((e) => e.roleId === entitlement.roleId)?.grant?.requestId).toBe(request.id);

    // The grant ends: nothing is issued any more, and closing it is audited and notified.
    await temp.db.accessRequest.update({ where: { id: request.id }, data: { expiresAt: new Date(Date.now() - 1000) } });
    await expect(
      assertEntitled({ db: temp.db, groups: alice.groups, userId: alice.id, ...production }),
    ).rejects.toMatchObject({
      details: { requestable: true },
    });
    expect(await closeExpiredRequests({ db: temp.db })).toBe(1);
    expect(await closeExpiredRequests({ db: temp.db })).toBe(0);
    const audit = await temp.db.auditEvent.findMany({
      where: { details: { contains: request.id } },
      orderBy: { createdAt: "asc" },
    });
    expect(audit.map((e) => [e.action, e.actor])).toEqual([
      ["request.create", "alice@example.com"],
      ["request.approve", "bob@example.com"],
      ["grant.expire", "airlock"],
    ]);
    expect(JSON.parse(audit[0].details!)).toMatchObject({ reason: "INC-7: failover", ticket: "OPS-12" });
    expect(JSON.parse(audit[1].details!)).toMatchObject({ comment: "go ahead", status: "approved" });

    const events = (await deliveries(request.id, 3)).map(verified);
    expect(events.map((e) => e.event)).toEqual(["request.created", "request.approved", "grant.expired"]);
    expect(events[0].text).toContain("alice@example.com requests production / Admin for 60 min: INC-7: failover");
    expect(events[1].request).toMatchObject({
      id: request.id,
      status: "approved",
      by: "bob@example.com",
      ticket: "OPS-12",
    });
  });

  it("a denial closes the request; a request is for eligible people only, within the limit and pattern", async () => {
    const { alice, bob } = people;
    const request = await ask(alice);
    expect((await refusal(ask(alice))).message).toMatch(/waiting for approval/);
    const denied = await decideAccessRequest({
      db: temp.db,
      actor: bob,
      input: { requestId: request.id, decision: "deny" },
    });
    expect(denied.status).toBe("denied");
    expect(
      (
        await refusal(
          decideAccessRequest({
            db: temp.db,
            actor: people.erin,
            input: { requestId: request.id, decision: "approve" },
          }),
        )
      ).code,
    ).toBe("conflict");
    // bob has production Admin already (sre, standing): nothing to request.
    expect((await refusal(ask(bob))).code).toBe("conflict");
    // Nobody in data-science is eligible.
    const dan = await person("dan", ["data-science"]);
    expect((await refusal(ask(dan))).message).toMatch(/none of your groups is eligible/);
    // The demo mapping allows four hours; tickets must look like OPS-<n>.
    expect((await refusal(ask(alice, { durationSeconds: 5 * 3600 }))).details?.fieldErrors).toEqual({
      durationSeconds: "Too long for this role.",
    });
    expect((await refusal(ask(alice, { ticket: "JIRA 1" }))).message).toMatch(/must match OPS-\\d\+/);
    expect((await refusal(ask(alice, { reason: "  " }))).message).toMatch(/Say why/);
  });

  it("two approvals when the role asks for them, from two different approvers", async () => {
    const { alice, bob, erin } = people;
    await temp.db.role.updateMany({
      where: { accountId: production.accountId, name: "Admin" },
      data: { approvalsRequired: 2 },
    });
    try {
      const request = await ask(alice);
      const first = await decideAccessRequest({
        db: temp.db,
        actor: bob,
        input: { requestId: request.id, decision: "approve" },
      });
      expect(first).toMatchObject({ status: "pending", approvals: 1 });
      expect(
        (
          await refusal(
            decideAccessRequest({ db: temp.db, actor: bob, input: { requestId: request.id, decision: "approve" } }),
          )
        ).message,
      ).toMatch(/already decided/);
      const second = await decideAccessRequest({
        db: temp.db,
        actor: erin,
        input: { requestId: request.id, decision: "approve" },
      });
      expect(second).toMatchObject({ status: "approved", approvals: 2 });
    } finally {
      await temp.db.role.updateMany({
        where: { accountId: production.accountId, name: "Admin" },
        data: { approvalsRequired: 1 },
      });
    }
  });

  it("ending early: the requester ends their grant, an admin ends anyone's, no one else can", async () => {
    const { alice, bob, carol, admin } = people;
    const mine = await ask(alice);
    await decideAccessRequest({ db: temp.db, actor: bob, input: { requestId: mine.id, decision: "approve" } });
    expect((await refusal(endAccessRequest({ db: temp.db, actor: carol, requestId: mine.id }))).code).toBe("not_found");
    expect((await endAccessRequest({ db: temp.db, actor: alice, requestId: mine.id })).status).toBe("ended");
    await expect(
      assertEntitled({ db: temp.db, groups: alice.groups, userId: alice.id, ...production }),
    ).rejects.toThrow();
    expect((await refusal(endAccessRequest({ db: temp.db, actor: alice, requestId: mine.id }))).code).toBe("conflict");

    const carols = await ask(carol);
    await decideAccessRequest({ db: temp.db, actor: bob, input: { requestId: carols.id, decision: "approve" } });
    const ended = await endAccessRequest({ db: temp.db, actor: admin, requestId: carols.id });
    expect(ended).toMatchObject({ status: "ended", closedBy: "admin@example.com" });
    // Withdrawing a pending request.
    const pending = await ask(alice);
    expect((await endAccessRequest({ db: temp.db, actor: alice, requestId: pending.id })).status).toBe("cancelled");
  });

  it("a grant stops counting when its person leaves the eligible group or the mapping goes", async () => {
    const { alice, bob } = people;
    const request = await ask(alice);
    await decideAccessRequest({ db: temp.db, actor: bob, input: { requestId: request.id, decision: "approve" } });
    await expect(
      assertEntitled({ db: temp.db, groups: ["data-science"], userId: alice.id, ...production }),
    ).rejects.toThrow(/not entitled/);
    const mapping = await temp.db.groupMapping.findFirstOrThrow({ where: { group: "engineering", kind: "eligible" } });
    await temp.db.groupMapping.delete({ where: { id: mapping.id } });
    try {
      await expect(
        assertEntitled({ db: temp.db, groups: alice.groups, userId: alice.id, ...production }),
      ).rejects.toThrow(/not entitled/);
    } finally {
      await temp.db.groupMapping.create({ data: { ...mapping, id: undefined } });
    }
  });

  it("one person is one person across IdPs: no approving one's own request, no second approval", async () => {
    const { alice, bob } = people;
    // The same people, signed in through the other IdP (another user row, the same email).
    const aliceOidc = await person("alice", ["sre"], false, "oidc:test");
    const bobOidc = await person("bob", ["engineering", "sre"], true, "oidc:test");
    const request = await ask(alice);
    const own = await refusal(
      decideAccessRequest({ db: temp.db, actor: aliceOidc, input: { requestId: request.id, decision: "approve" } }),
    );
    expect(own.message).toMatch(/your own request/);
    expect(await listRequestsToDecide({ db: temp.db, actor: aliceOidc })).toEqual([]);
    await temp.db.role.updateMany({
      where: { accountId: production.accountId, name: "Admin" },
      data: { approvalsRequired: 2 },
    });
    try {
      const twice = await ask(people.carol);
      await decideAccessRequest({ db: temp.db, actor: bob, input: { requestId: twice.id, decision: "approve" } });
      const again = await refusal(
        decideAccessRequest({ db: temp.db, actor: bobOidc, input: { requestId: twice.id, decision: "approve" } }),
      );
      expect(again.message).toMatch(/already decided/);
      expect((await listRequestsToDecide({ db: temp.db, actor: bobOidc })).map((r) => r.id)).not.toContain(twice.id);
    } finally {
      await temp.db.role.updateMany({
        where: { accountId: production.accountId, name: "Admin" },
        data: { approvalsRequired: 1 },
      });
    }
  });

  it("no approval for someone who left the eligible group since asking", async () => {
    const dora = await person("dora", ["engineering"]);
    const request = await ask(dora);
    await temp.db.user.update({ where: { id: dora.id }, data: { groups: JSON.stringify(["data-science"]) } });
    const refused = await refusal(
      decideAccessRequest({ db: temp.db, actor: people.bob, input: { requestId: request.id, decision: "approve" } }),
    );
    expect(refused.message).toBe(
      "dora@example.com is no longer eligible to production / Admin (not in engineering any more, or the mapping was removed). Deny the request instead.",
    );
    const denied = await decideAccessRequest({
      db: temp.db,
      actor: people.bob,
      input: { requestId: request.id, decision: "deny" },
    });
    expect(denied.status).toBe("denied");
  });

  it("requests unanswered too long close themselves", async () => {
    const request = await ask(people.alice);
    await temp.db.accessRequest.update({ where: { id: request.id }, data: { expiresAt: new Date(Date.now() - 1000) } });
    expect(
      (
        await refusal(
          decideAccessRequest({
            db: temp.db,
            actor: people.bob,
            input: { requestId: request.id, decision: "approve" },
          }),
        )
      ).code,
    ).toBe("conflict");
    expect(await closeExpiredRequests({ db: temp.db, userId: people.alice.id })).toBe(1);
    expect((await temp.db.accessRequest.findUniqueOrThrow({ where: { id: request.id } })).status).toBe("expired");
    const events = (await deliveries(request.id, 2)).map(verified);
    expect(events.map((e) => e.event)).toEqual(["request.created", "request.expired"]);
  });
});

describe("webhook delivery", () => {
  const url = () => process.env.AIRLOCK_WEBHOOK_URL!;
  const event = { event: "request.created" as const, text: "a <b> & c", request: { id: "r1" } };

  it("retries a failing receiver with backoff, with one delivery id, and stops at success", async () => {
    answers.push(503, 429);
    expect(await deliverWebhook(event, { url: url(), secret, retryDelays: [10, 20, 40] })).toBe(true);
    expect(about("r1")).toHaveLength(3);
    expect(new Set(about("r1").map((r) => r.headers["x-airlock-delivery"])).size).toBe(1);
    about("r1").forEach(verified);
  });

  it("gives up after its retries, and does not retry a refusal (4xx)", async () => {
    answers.push(500, 500, 500);
    expect(await deliverWebhook(event, { url: url(), secret, retryDelays: [5, 5] })).toBe(false);
    expect(about("r1")).toHaveLength(3);
    received.length = 0;
    answers.push(404);
    expect(await deliverWebhook(event, { url: url(), secret, retryDelays: [5, 5] })).toBe(false);
    expect(about("r1")).toHaveLength(1);
  });

  it("retries an unreachable receiver without throwing", async () => {
    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, "127.0.0.1", resolve));
    const port = (closed.address() as AddressInfo).port;
    await new Promise((resolve) => closed.close(resolve));
    expect(await deliverWebhook(event, { url: `http://127.0.0.1:${port}/`, retryDelays: [5] })).toBe(false);
  });
});
