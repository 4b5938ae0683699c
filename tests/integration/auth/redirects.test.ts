import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { alice, postAcs, postTicket, samlAnswerFrom, startSignedInServer } from "@/tests/support/http-session";
import type { RunningServer } from "@/tests/support/server";

// Paths that normalise to another host ("/..//evil.example" → "//evil.example"), and the plain forms.
const elsewhere = [
  "/..//evil.example",
  "/.//evil.example",
  "/%2e%2e//evil.example",
  "/.%2e//evil.example",
  "/..\\/evil.example",
  "/\\evil.example",
  "//evil.example",
  "https://evil.example/",
];
const publicUrl = "http://localhost:3000";

describe("redirects after sign-in stay on Airlock", () => {
  let server: RunningServer;
  let session: string;
  beforeAll(async () => ({ server, session } = await startSignedInServer()));
  afterAll(() => server?.stop());

  it.each(elsewhere)(
    "/signin?callbackUrl=%s sends a signed-in person home, and offers sign-in to home",
    async (target) => {
      const signedIn = await fetch(`${server.url}/signin?callbackUrl=${encodeURIComponent(target)}`, {
        redirect: "manual",
        headers: { cookie: session },
      });
      expect(signedIn.status).toBe(307);
      expect(signedIn.headers.get("location")).toBe("/");

      const signedOut = await fetch(`${server.url}/signin?callbackUrl=${encodeURIComponent(target)}`);
      expect(await signedOut.text()).toContain('href="/api/saml/login?callbackUrl=%2F"');
    },
  );

  it.each(elsewhere)("SAML sign-in started with callbackUrl=%s comes back home", async (target) => {
    const accepted = await postAcs(
      server,
      await samlAnswerFrom(server, alice, `callbackUrl=${encodeURIComponent(target)}`),
    );
    expect(accepted.status).toBe(303);
    const fragment = new URLSearchParams(accepted.headers.get("location")!.split("#")[1]);
    expect(fragment.get("callbackUrl")).toBe("/");
  });

  it.each(elsewhere)("next-auth's callbackUrl=%s lands on Airlock's home", async (target) => {
    const answer = await samlAnswerFrom(server, alice);
    const accepted = await postAcs(server, answer);
    const ticket = new URLSearchParams(accepted.headers.get("location")!.split("#")[1]).get("ticket")!;
    const callback = await postTicket(server, ticket, answer.cookie, { callbackUrl: target });
    expect(callback.status).toBe(200);
    expect(((await callback.json()) as { url: string }).url).toBe(`${publicUrl}/`);
  });
});
