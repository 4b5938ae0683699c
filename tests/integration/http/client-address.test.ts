import { afterAll, describe, expect, it } from "vitest";
import { createDb, type Db } from "@/lib/db/client";
import { PEER_ADDRESS_HEADER } from "@/lib/http/client-info";
import { seedDemo } from "@/prisma/seed";
import { samlServerEnv, signInOverHttp } from "@/tests/support/http-session";
import { startServer, type RunningServer } from "@/tests/support/server";

// The audit log's client address, over real HTTP against the built app: a client that writes its
// own X-Forwarded-For (or Airlock's private peer header) cannot choose the address recorded.

const spoofed = { "x-forwarded-for": "203.0.113.9, 198.51.100.7", [PEER_ADDRESS_HEADER]: "203.0.113.66" };
const running: { server: RunningServer; db: Db }[] = [];

afterAll(async () => {
  for (const { server, db } of running) {
    await db.$disconnect();
    await server.stop();
  }
});

/** The client addresses of the audit events that a refused SAML response and a refused /go leave. */
async function recordedAddresses(trustedProxies: number): Promise<(string | null)[]> {
  const server = await startServer(samlServerEnv({ AIRLOCK_TRUSTED_PROXIES: String(trustedProxies) }));
  const db = createDb(server.databaseUrl);
  running.push({ server, db });
  await seedDemo(db);
  const cookie = await signInOverHttp(server, { email: "carol@example.com", groups: [] });
  const acs = await fetch(`${server.url}/api/saml/acs`, {
    method: "POST",
    redirect: "manual",
    headers: { ...spoofed, "content-type": "application/x-www-form-urlencoded" },
    body: new URLSearchParams({ SAMLResponse: "bm90IFNBTUw=" }),
  });
  expect(acs.headers.get("location")).toMatch(/^\/signin\/error/);
  const issue = await fetch(`${server.url}/api/credentials`, {
    method: "POST",
    headers: { ...spoofed, cookie, "content-type": "application/json" },
    body: JSON.stringify({ accountId: "111111111111", roleName: "Admin" }),
  });
  expect(issue.status).toBe(403);
  const events = await db.auditEvent.findMany({
    where: { outcome: { in: ["failure", "denied"] } },
    select: { action: true, outcome: true, clientIp: true },
    orderBy: { createdAt: "asc" },
  });
  expect(events.map((e) => `${e.action} ${e.outcome}`)).toEqual(["signin failure", "credentials.issue denied"]);
  return events.map((e) => e.clientIp);
}

describe("the client address in the audit log", () => {
  it("is the TCP peer with no trusted proxy, whatever the headers say", async () => {
    expect(await recordedAddresses(0)).toEqual(["127.0.0.1", "127.0.0.1"]);
  }, 120_000);

  it("is the last X-Forwarded-For hop with one trusted proxy (the peer), not what the client wrote before it", async () => {
    expect(await recordedAddresses(1)).toEqual(["198.51.100.7", "198.51.100.7"]);
  }, 120_000);
});
