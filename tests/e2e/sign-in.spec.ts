import { expect, test } from "@playwright/test";
import { signInWithOidc } from "./helpers";

test("alice signs in through the demo OIDC IdP and sees her name and groups, then signs out", async ({ page }) => {
  await signInWithOidc(page, "alice@example.com", "alice");
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Welcome, Alice Example");
  await expect(page.getByTestId("user-groups")).toHaveText("engineering");

  await page.getByRole("button", { name: "Sign out" }).click();
  await expect(page).toHaveURL(/\/signin/);
  await page.goto("/");
  await expect(page).toHaveURL(/\/signin\?callbackUrl=%2F/);
});

test("carol, with no groups, sees an empty state that says whom to ask", async ({ page }) => {
  await signInWithOidc(page, "carol@example.com", "carol");
  const empty = page.getByRole("status");
  await expect(empty).toContainText("You have no AWS access yet");
  await expect(empty).toContainText("the platform team (platform@example.com)");
});

test("a wrong password stays on the IdP with an error", async ({ page }) => {
  await signInWithOidc(page, "alice@example.com", "nope");
  await expect(page.getByRole("alert")).toHaveText("Wrong email or password.");
});

test("bob signs in through the demo SAML IdP and, as an admin, sees his groups and the admin link", async ({
  page,
}) => {
  await page.goto("/signin");
  await page.getByRole("link", { name: "Sign in with Demo SAML IdP" }).click();
  await expect(page.getByRole("heading", { name: "Demo SAML IdP" })).toBeVisible();
  await page.getByLabel("Email").fill("bob@example.com");
  await page.getByLabel("Password").fill("bob");
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Welcome, Bob Example");
  await expect(page.getByTestId("user-groups")).toHaveText("engineering, sre, platform-admins");
  await expect(page.getByRole("navigation", { name: "Account" }).getByRole("link", { name: "Admin" })).toBeVisible();
  // The one-time ticket was taken out of the address bar.
  expect(page.url()).not.toContain("ticket");
});
