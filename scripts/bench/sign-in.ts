import type { Browser } from "@playwright/test";
import { median, ms } from "@/scripts/bench/stats";

export type SignedIn = { cookie: string; elapsed: number };

/**
 * A real sign-in through the demo OIDC IdP: the session cookie ("name=value"), and ms from the
 * IdP's redirect back to Airlock to the signed-in home page.
 */
export async function signIn(browser: Browser, url: string, email: string, password: string): Promise<SignedIn> {
  const context = await browser.newContext();
  try {
    const page = await context.newPage();
    await page.goto(`${url}/signin`);
    await page.getByRole("button", { name: /Sign in with/ }).click();
    await page.getByLabel("Email").fill(email);
    await page.getByLabel("Password").fill(password);
    const callback = page.waitForRequest((r) => r.url().startsWith(`${url}/api/auth/callback/oidc`));
    await page.getByRole("button", { name: "Sign in" }).click();
    const redirectedAt = (
      await callback.catch(async (error: unknown) => {
        const body = (await page.locator("body").textContent())?.slice(0, 300);
        throw new Error(`sign-in of ${email} did not return to Airlock: ${body}`, { cause: error });
      })
    ).timing().startTime;
    await page.getByRole("heading", { level: 1, name: /Welcome/ }).waitFor();
    const elapsed = (await page.evaluate(() => performance.timeOrigin + performance.now())) - redirectedAt;
    const session = (await context.cookies()).find((c) => c.name.endsWith("next-auth.session-token"));
    if (!session) throw new Error(`sign-in of ${email} set no session cookie`);
    return { cookie: `${session.name}=${session.value}`, elapsed };
  } finally {
    await context.close();
  }
}

/** Sign-in: from the IdP's redirect back to Airlock to the signed-in home page, five times. */
export async function benchSignIn(browser: Browser, url: string) {
  const signIns: number[] = [];
  for (let i = 0; i < 5; i += 1) signIns.push((await signIn(browser, url, "carol@example.com", "carol")).elapsed);
  return { p50Ms: ms(median(signIns)), samples: signIns.length };
}
