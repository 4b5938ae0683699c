import { expect as baseExpect, test, type Browser, type Page } from "@playwright/test";
import { signInWithOidc } from "./helpers";

// Each test drives two browsers through two IdPs on a shared, busy machine.
test.describe.configure({ timeout: 120_000 });
const expect = baseExpect.configure({ timeout: 20_000 });

/**
 * Signs in through the demo SAML IdP's login form (started where the sign-in page's SAML button
 * goes, which a signed-in browser is not shown), up to Airlock's handing over the ticket.
 */
async function signInAtSamlIdp(page: Page, email: string, password: string): Promise<void> {
  await page.goto("/api/saml/login?callbackUrl=%2F");
  await expect(page.getByRole("heading", { name: "Demo SAML IdP" })).toBeVisible();
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill(password);
  await page.getByRole("button", { name: "Sign in" }).click();
}

/**
 * The attacker: signs in as `email` in a browser of their own but stops before redeeming, keeping
 * the ticket link (with its fragment) that Airlock's ACS sent their browser to. With scripts off,
 * the IdP's answer is posted with its "Continue" button and the sign-in page cannot redeem.
 */
async function unredeemedTicketLink(browser: Browser, email: string, password: string): Promise<string> {
  const context = await browser.newContext({ javaScriptEnabled: false });
  const page = await context.newPage();
  await signInAtSamlIdp(page, email, password);
  await page.getByRole("button", { name: "Continue" }).click();
  await page.waitForURL(/\/signin\/saml#ticket=/);
  await expect(page.getByRole("status")).toHaveText("Signing you in…");
  const link = page.url();
  await context.close();
  return link;
}

const otherBrowserMessage = "That sign-in link belongs to another browser";

test("a SAML ticket link opened in another browser does not sign that browser in", async ({ browser, page }) => {
  const link = await unredeemedTicketLink(browser, "carol@example.com", "carol");
  await page.goto(link);
  await expect(page.getByText(otherBrowserMessage)).toBeVisible();
  await page.goto("/");
  await expect(page).toHaveURL(/\/signin\?callbackUrl=%2F/);
});

test("a victim signed in as alice who opens the attacker's link stays alice", async ({ browser, page }) => {
  await signInWithOidc(page, "alice@example.com", "alice");
  const link = await unredeemedTicketLink(browser, "carol@example.com", "carol");
  await page.goto(link);
  await expect(page.getByText(otherBrowserMessage)).toBeVisible();
  await page.goto("/");
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Welcome, Alice Example");
});

test("signing in as someone else in a signed-in browser asks first, and switches only when confirmed", async ({
  page,
}) => {
  await signInWithOidc(page, "alice@example.com", "alice");

  await signInAtSamlIdp(page, "bob@example.com", "bob");
  await expect(page.getByText("You are signed in as alice@example.com. Continue as bob@example.com?")).toBeVisible();
  await page.getByRole("link", { name: "Stay signed in as alice@example.com" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Welcome, Alice Example");

  // The demo SAML IdP remembers bob now (its own session), so it answers at once this time.
  await page.goto("/api/saml/login?callbackUrl=%2F");
  await page.getByRole("button", { name: "Continue as bob@example.com" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Welcome, Bob Example");
  expect(page.url()).not.toContain("ticket");
});
