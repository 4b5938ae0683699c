import { expect, test } from "@playwright/test";

test("a signed-out visitor is sent to the sign-in page, which lists the configured methods", async ({ page }) => {
  const problems: string[] = [];
  page.on("console", (message) => {
    if (message.type() === "error") problems.push(message.text());
  });
  page.on("pageerror", (error) => problems.push(error.message));

  await page.goto("/");

  await expect(page).toHaveURL(/\/signin\?callbackUrl=%2F$/);
  await expect(page).toHaveTitle("Sign in · Airlock");
  await expect(page.getByRole("heading", { level: 1, name: "Sign in to Airlock" })).toBeVisible();
  await expect(page.getByText("Reach the AWS accounts your team gives you")).toBeVisible();
  await expect(page.getByRole("button", { name: "Sign in with Demo OIDC IdP" })).toBeVisible();
  // The page hydrates under the nonce-based CSP: no script was refused.
  await page.waitForLoadState("networkidle");
  expect(problems).toEqual([]);
});

test("the health check answers in the browser's origin", async ({ request }) => {
  const response = await request.get("/api/health");
  expect(response.status()).toBe(200);
  expect(await response.json()).toEqual({ status: "ok" });
});
