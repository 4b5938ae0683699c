import { expect, test, type Page } from "@playwright/test";
import { signInWithOidc } from "./helpers";

/**
 * A terminal's sign-in approved in a real browser: the person opens the link the CLI prints, checks
 * the code and the machine, and approves; a signed-out person comes back to the same page.
 */

const slowExpect = expect.configure({ timeout: 60_000 });
test.describe.configure({ timeout: 180_000 });

const cliUserAgent = "airlock-cli/0.1.0 (linux 6.1.0; node v20.19.0)";

async function authorize(page: Page, deviceName: string) {
  const response = await page.request.post("/api/device/authorize", {
    form: { client_id: "airlock-cli", device_name: deviceName },
    headers: { "user-agent": cliUserAgent },
  });
  expect(response.status()).toBe(200);
  return (await response.json()) as { device_code: string; user_code: string; verification_uri_complete: string };
}

async function poll(page: Page, deviceCode: string) {
  const response = await page.request.post("/api/device/token", {
    form: {
      client_id: "airlock-cli",
      grant_type: "urn:ietf:params:oauth:grant-type:device_code",
      device_code: deviceCode,
    },
  });
  return { status: response.status(), body: (await response.json()) as { error?: string; access_token?: string } };
}

async function expectConfirmation(page: Page, userCode: string, deviceName: string) {
  await slowExpect(page.getByTestId("device-code")).toHaveText(userCode);
  await expect(page.getByTestId("device-name")).toHaveText(deviceName);
  await expect(page.getByTestId("device-agent")).toHaveText(cliUserAgent);
  await expect(page.getByTestId("device-person")).toContainText("alice@example.com");
  await expect(page.getByTestId("device-grant")).toContainText("issue credentials and console sign-ins");
  await expect(page.getByText("If someone sent you this code or link, deny it")).toBeVisible();
}

test("alice approves a terminal from the link it printed", async ({ page }) => {
  await signInWithOidc(page, "alice@example.com", "alice");
  const grant = await authorize(page, "alice-workstation");
  await page.goto(grant.verification_uri_complete);
  await expectConfirmation(page, grant.user_code, "alice-workstation");
  expect((await poll(page, grant.device_code)).body.error).toBe("authorization_pending");
  await page.getByRole("button", { name: "Approve" }).click();
  await slowExpect(page.getByRole("heading", { name: "Terminal approved" })).toBeVisible();
  await expect(page.getByText("Return to your terminal")).toBeVisible();
  // The terminal polls as the CLI does: waiting its interval, 5 s more after each slow_down.
  let interval = 5;
  for (let attempt = 0; ; attempt++) {
    await page.waitForTimeout(interval * 1000);
    const { status, body } = await poll(page, grant.device_code);
    if (status === 200) {
      expect(body.access_token).toMatch(/^airlock_/);
      break;
    }
    expect(body.error).toMatch(/^(authorization_pending|slow_down)$/);
    expect(attempt).toBeLessThan(5);
    if (body.error === "slow_down") interval += 5;
  }
  // The new terminal shows on Your sessions with its device name.
  await page.goto("/sessions");
  await expect(page.getByRole("table", { name: "Sessions" })).toContainText("alice-workstation");
});

test("a signed-out person signs in and lands back on the pre-filled page", async ({ page }) => {
  const grant = await authorize(page, "ci-runner-3");
  await page.goto(grant.verification_uri_complete);
  await slowExpect(page).toHaveURL(/\/signin\?callbackUrl=/);
  const idpHeading = page.getByRole("heading", { name: "Demo OIDC IdP" });
  await expect(async () => {
    if (!(await idpHeading.isVisible()))
      await page.getByRole("button", { name: "Sign in with Demo OIDC IdP" }).click({ timeout: 2000 });
    await expect(idpHeading).toBeVisible({ timeout: 3000 });
  }).toPass();
  await page.getByLabel("Email").fill("alice@example.com");
  await page.getByLabel("Password").fill("alice");
  await page.getByRole("button", { name: "Sign in" }).click();
  await slowExpect(page).toHaveURL(new RegExp(`/device\\?user_code=${grant.user_code}$`));
  await expectConfirmation(page, grant.user_code, "ci-runner-3");
  await page.getByRole("button", { name: "Deny" }).click();
  await slowExpect(page.getByRole("heading", { name: "Sign-in denied" })).toBeVisible();
  expect((await poll(page, grant.device_code)).body.error).toBe("access_denied");
});
