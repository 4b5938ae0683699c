import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createDb } from "@/lib/db/client";
import {
  alice,
  cookiesOf,
  postAcs,
  postTicket,
  samlAnswerFrom,
  samlServerEnv,
  sessionCookieOf,
  signInOverHttp,
  ticketOf,
  type SamlPerson,
} from "@/tests/support/http-session";
import { startServer, type RunningServer } from "@/tests/support/server";

const mallory: SamlPerson = { email: "mallory@example.com", groups: ["engineering"] };

let server: RunningServer;
beforeAll(async () => {
  server = await startServer(samlServerEnv());
});
afterAll(() => server?.stop());

/** A verified sign-in of `person` that stops before redemption: its ticket and its browser's cookie. */
async function unredeemedTicket(person: SamlPerson): Promise<{ ticket: string; cookie: string }> {
  const answer = await samlAnswerFrom(server, person);
  return { ticket: ticketOf(await postAcs(server, answer)), cookie: answer.cookie };
}

/** The error next-auth answers a refused redemption with (its `json` mode: `{ url }`). */
async function errorOf(response: Response): Promise<string | null> {
  const { url } = (await response.json()) as { url: string };
  return new URL(url).searchParams.get("error");
}

async function whoIs(sessionCookie: string): Promise<string | undefined> {
  const response = await fetch(`${server.url}/api/auth/session`, { headers: { cookie: sessionCookie } });
  return ((await response.json()) as { user?: { email: string } }).user?.email;
}

async function lastSignInAudit() {
  const db = createDb(server.databaseUrl);
  try {
    return await db.auditEvent.findFirst({
      where: { action: "signin" },
      orderBy: { createdAt: "desc" },
      select: { outcome: true, reason: true, details: true },
    });
  } finally {
    await db.$disconnect();
  }
}

describe("a SAML login ticket only signs in the browser it was handed to", () => {
  it("refuses it without the binding cookie and with another browser's, audits whose it was, and still lets its own browser in", async () => {
    const attacker = await unredeemedTicket(mallory);
    const victim = await fetch(`${server.url}/api/saml/login?callbackUrl=/`, { redirect: "manual" });
    for (const victimCookie of ["", cookiesOf(victim).join("; ")]) {
      const refused = await postTicket(server, attacker.ticket, victimCookie);
      expect(refused.status).toBe(401);
      expect(sessionCookieOf(refused)).toBeUndefined();
      expect(await errorOf(refused)).toBe("SamlTicketOtherBrowser");
      const audit = await lastSignInAudit();
      expect(audit).toMatchObject({ outcome: "failure", reason: "saml_ticket_other_browser" });
      expect(JSON.parse(audit!.details ?? "{}")).toMatchObject({ ticketEmail: "mallory@example.com" });
    }
    // The refusals did not use the ticket up: the browser it belongs to still signs in.
    const own = sessionCookieOf(await postTicket(server, attacker.ticket, attacker.cookie));
    expect(await whoIs(own!)).toBe("mallory@example.com");
  });

  it("asks a browser signed in as someone else before switching, and switches only when confirmed", async () => {
    const aliceSession = await signInOverHttp(server, alice);
    const bob = await unredeemedTicket({ email: "bob@example.com", groups: [] });
    const browser = `${bob.cookie}; ${aliceSession}`;

    const asked = await postTicket(server, bob.ticket, browser);
    expect(asked.status).toBe(401);
    expect(sessionCookieOf(asked)).toBeUndefined();
    expect(await errorOf(asked)).toBe("SwitchAccount:bob@example.com");
    expect(await whoIs(aliceSession)).toBe("alice@example.com");

    const confirmed = sessionCookieOf(await postTicket(server, bob.ticket, browser, { switchAccount: "true" }));
    expect(await whoIs(confirmed!)).toBe("bob@example.com");
  });

  it("does not ask when the ticket is the signed-in person's own", async () => {
    const first = await signInOverHttp(server, alice);
    const again = await unredeemedTicket(alice);
    const renewed = sessionCookieOf(await postTicket(server, again.ticket, `${again.cookie}; ${first}`));
    expect(await whoIs(renewed!)).toBe("alice@example.com");
  });
});
