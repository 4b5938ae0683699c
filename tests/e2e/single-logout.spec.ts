import { expect, test, type Page } from "@playwright/test";
import { signInWithOidc } from "./helpers";

// Single logout with the demo IdPs: "Sign out" ends the IdP session too, so the next "Sign in"
// asks for the password again; a logout at the IdP ends the Airlock session.
const basePort = Number(process.env.E2E_PORT ?? 3100);
// The IdPs' own cookies were set for the host the browser used for them: localhost.
const idpPages = { oidc: `http://localhost:${basePort + 1}`, saml: `http://localhost:${basePort + 2}` };

async function signInWithSaml(page: Page, email: string, password: string) {
  await page.goto("/signin");
  await page.getByRole("link", { name: "Sign in with Demo SAML IdP" }).click();
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill(password);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page.getByRole("button", { name: "Sign out" })).toBeVisible();
}

test("after Sign out, signing in again through the demo OIDC IdP asks for the password", async ({ page }) => {
  await signInWithOidc(page, "alice@example.com", "alice");
  await page.getByRole("button", { name: "Sign out" }).click();
  await expect(page).toHaveURL(/\/signin\?signedOut=1$/);
  await page.getByRole("button", { name: "Sign in with Demo OIDC IdP" }).click();
  await expect(page.getByRole("heading", { name: "Demo OIDC IdP" })).toBeVisible();
  await expect(page.getByLabel("Password")).toBeVisible();
});

test("after Sign out, signing in again through the demo SAML IdP asks for the password", async ({ page }) => {
  await signInWithSaml(page, "bob@example.com", "bob");
  await page.getByRole("button", { name: "Sign out" }).click();
  await expect(page).toHaveURL(/\/signin\?signedOut=1$/);
  await page.getByRole("link", { name: "Sign in with Demo SAML IdP" }).click();
  await expect(page.getByRole("heading", { name: "Demo SAML IdP" })).toBeVisible();
  await expect(page.getByLabel("Password")).toBeVisible();
});

test("Sign out everywhere at the demo SAML IdP ends the Airlock session", async ({ page }) => {
  await signInWithSaml(page, "bob@example.com", "bob");
  await page.goto(`${idpPages.saml}/`);
  await page.getByRole("link", { name: "Sign out everywhere" }).click();
  await expect(page.getByRole("status")).toHaveText("Signed out everywhere.");
  await page.goto("/");
  await expect(page).toHaveURL(/\/signin\?callbackUrl=%2F/);
});

test("a logout at the demo OIDC IdP reaches Airlock by the back channel", async ({ page }) => {
  await signInWithOidc(page, "alice@example.com", "alice");
  await page.goto(`${idpPages.oidc}/session/end`);
  await expect(page.getByRole("heading", { name: "Signed out of the Demo OIDC IdP" })).toBeVisible();
  await page.goto("/");
  await expect(page).toHaveURL(/\/signin\?callbackUrl=%2F/);
});
