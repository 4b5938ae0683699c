import { createHmac } from "node:crypto";
import { createServer, type IncomingHttpHeaders, type Server } from "node:http";
import { expect as baseExpect, test, type Browser, type Page } from "@playwright/test";
import { e2eWebhook } from "../support/e2e-webhook";
import { emulatorRequests, runOnPortalDatabase, signInWithOidc } from "./helpers";

// Just-in-time access end to end: alice, eligible to production/Admin through the demo mapping
// (engineering, approved by sre), requests it with a reason; she cannot approve it herself; bob
// (sre) approves; her page shows the grant without a reload; she opens the console as
// production/Admin and AWS receives the reason as a session tag; when the grant ends she can no
// longer issue it and the role is requestable again. The webhook receiver gets every event, signed.

const expect = baseExpect.configure({ timeout: 15_000 });
test.describe.configure({ timeout: 180_000 });

const basePort = Number(process.env.E2E_PORT ?? 3100);
const reason = "INC-77: rotate the leaked deploy key";
type Delivery = { headers: IncomingHttpHeaders; body: string };
const deliveries: Delivery[] = [];
let receiver: Server;

test.beforeAll(async () => {
  receiver = createServer((req, res) => {
    let body = "";
    req.on("data", (chunk: Buffer) => (body += chunk.toString("utf8")));
    req.on("end", () => {
      deliveries.push({ headers: req.headers, body });
      res.end("ok");
    });
  });
  await new Promise<void>((resolve) => receiver.listen(e2eWebhook.port(basePort), "127.0.0.1", resolve));
});
test.afterAll(async () => {
  await new Promise((resolve) => receiver?.close(resolve));
});

async function signedIn(browser: Browser, email: string, password: string): Promise<Page> {
  const page = await (await browser.newContext()).newPage();
  await signInWithOidc(page, email, password);
  return page;
}

/** The events the receiver got, each checked against its HMAC signature. */
function verifiedEvents(): { event: string; request: { id: string; status: string; reason: string } }[] {
  return deliveries.map(({ headers, body }) => {
    const timestamp = String(headers["x-airlock-timestamp"]);
    const expected = `v1=${createHmac("sha256", e2eWebhook.secret).update(`${timestamp}.${body}`).digest("hex")}`;
    expect(headers["x-airlock-signature"]).toBe(expected);
    expect(Math.abs(Date.now() / 1000 - Number(timestamp))).toBeLessThan(300);
    return JSON.parse(body) as { event: string; request: { id: string; status: string; reason: string } };
  });
}

test("alice requests production/Admin, bob approves, she uses it until the grant ends", async ({ browser }) => {
  const alice = await signedIn(browser, "alice@example.com", "alice");
  const requestable = alice.getByRole("region", { name: "Roles you can request" });
  await requestable.getByRole("link", { name: "Request access to production Admin" }).click();

  // The request form: the approvers are named; a reason is required.
  await expect(alice.getByRole("heading", { name: "Request access" })).toBeVisible();
  await expect(alice.getByText("Approved by members of sre; you cannot approve your own request.")).toBeVisible();
  await alice.getByLabel("Reason").fill(reason);
  await alice.getByLabel("For how long").selectOption({ label: "1 h" });
  await alice.getByRole("button", { name: "Send request" }).click();
  const own = alice.getByRole("region", { name: "Your requests" });
  const mine = own.getByRole("listitem", { name: "production / Admin: waiting for approval" });
  await expect(mine).toBeVisible();
  await expect(mine).toContainText(reason);
  // Nothing for alice to decide: her own request is not hers to approve.
  await expect(alice.getByRole("region", { name: "Waiting for your decision" })).toContainText(
    "Nothing is waiting for you.",
  );
  await expect(alice.getByRole("button", { name: "Approve" })).toHaveCount(0);

  // bob (sre) sees it and approves it with a comment.
  const bob = await signedIn(browser, "bob@example.com", "bob");
  await bob.goto("/requests");
  const decide = bob.getByRole("region", { name: "Waiting for your decision" });
  const theirs = decide.getByRole("listitem", { name: "production / Admin: waiting for approval" });
  await expect(theirs).toContainText("alice@example.com");
  await expect(theirs).toContainText(reason);
  await theirs.getByLabel("Comment").fill("Go ahead, rotate it");
  await theirs.getByRole("button", { name: "Approve" }).click();
  await expect(bob.getByRole("status").filter({ hasText: "Approved" })).toHaveText(
    "Approved: alice@example.com has production / Admin now.",
  );

  // alice's page follows without a reload.
  const granted = own.getByRole("listitem", { name: "production / Admin: granted" });
  await expect(granted).toBeVisible({ timeout: 30_000 });
  await expect(granted).toContainText("Go ahead, rotate it");
  await alice.goto("/");
  await expect(alice.getByRole("button", { name: "CLI credentials for production Admin" })).toBeVisible();
  await expect(alice.getByText(/granted until/).first()).toBeVisible();

  // She opens the console as production/Admin: AWS receives her reason as a session tag.
  await alice.goto("/requests");
  await alice.getByRole("link", { name: "Open the console as Admin" }).click();
  await expect(alice.getByTestId("assumed-role-arn")).toHaveText(
    "arn:aws:sts::333333333333:assumed-role/Admin/alice@example.com",
  );
  await expect(alice.getByTestId("session-tags")).toContainText(`AirlockReason=${reason}`);
  const assumed = (await emulatorRequests()).filter((r) => r.action === "AssumeRoleWithSAML").at(-1) as {
    roleArn?: string;
    sessionTags?: Record<string, string>;
  };
  expect(assumed.roleArn).toBe("arn:aws:iam::333333333333:role/Admin");
  expect(assumed.sessionTags?.AirlockReason).toBe(reason);
  const requestId = assumed.sessionTags?.AirlockRequest;
  expect(requestId).toBeTruthy();

  // The grant ends (moved to a few seconds from now, as if the hour had passed).
  runOnPortalDatabase("tests/support/shorten-grant.ts", "alice@example.com", "2");
  await alice.goto("/");
  await expect(async () => {
    await alice.reload();
    await expect(alice.getByRole("button", { name: "CLI credentials for production Admin" })).toHaveCount(0, {
      timeout: 2000,
    });
  }).toPass({ timeout: 30_000 });
  await expect(
    alice
      .getByRole("region", { name: "Roles you can request" })
      .getByRole("link", { name: "Request access to production Admin" }),
  ).toBeVisible();
  await expect(alice.getByText(/granted until/)).toHaveCount(0);
  // Issuing it is refused, saying it may be requested.
  const refused = await alice.evaluate(async () => {
    const response = await fetch("/api/credentials", {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ accountId: "333333333333", roleName: "Admin" }),
    });
    return { status: response.status, body: (await response.json()) as { error: { message: string } } };
  });
  expect(refused.status).toBe(403);
  expect(refused.body.error.message).toContain("you may request it");
  // The page closes what ran out before it lists it (the minute sweep may have done so already).
  await alice.goto("/requests");
  await expect(async () => {
    await alice.reload();
    await expect(own.getByRole("listitem", { name: "production / Admin: expired" })).toBeVisible({ timeout: 2000 });
  }).toPass({ timeout: 60_000 });

  // Every event reached the webhook, signed.
  await expect.poll(() => deliveries.length).toBeGreaterThanOrEqual(3);
  const events = verifiedEvents();
  expect(events.map((e) => e.event)).toEqual(["request.created", "request.approved", "grant.expired"]);
  expect(events.every((e) => e.request.id === requestId && e.request.reason === reason)).toBe(true);
  await alice.context().close();
  await bob.context().close();
});
