import { execFileSync } from "node:child_process";
import { expect, type Page } from "@playwright/test";

const basePort = Number(process.env.E2E_PORT ?? 3100);
export const emulatorUrl = `http://127.0.0.1:${basePort + 3}`;
export const demoIdpUrls = { oidc: `http://127.0.0.1:${basePort + 1}`, saml: `http://127.0.0.1:${basePort + 2}` };

/** Changes a demo person's groups at one demo IdP, as its administrator would. */
export async function setDemoGroups(idp: "oidc" | "saml", email: string, groups: string[]): Promise<void> {
  const response = await fetch(`${demoIdpUrls[idp]}/_demo/people/${encodeURIComponent(email)}/groups`, {
    method: "PUT",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ groups }),
  });
  expect(response.status).toBe(200);
}

/** Signs in through the demo OIDC IdP's real login form. */
export async function signInWithOidc(page: Page, email: string, password: string): Promise<void> {
  await page.goto("/signin");
  // The button works once the page has hydrated; a click before that is retried.
  const idpHeading = page.getByRole("heading", { name: "Demo OIDC IdP" });
  await expect(async () => {
    if (!(await idpHeading.isVisible()))
      await page.getByRole("button", { name: "Sign in with Demo OIDC IdP" }).click({ timeout: 2000 });
    await expect(idpHeading).toBeVisible({ timeout: 3000 });
  }).toPass();
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill(password);
  await page.getByRole("button", { name: "Sign in" }).click();
  // Back in Airlock: let the page hydrate before a test clicks client-side buttons.
  await expect(
    page.getByRole("button", { name: "Sign out" }).or(page.getByText("Wrong email or password.")).first(),
  ).toBeVisible();
  await page.waitForLoadState("networkidle");
}

export type EmulatorRequest = { action: string; outcome: string; roleArn?: string; accessKeyId?: string };

export async function emulatorRequests(): Promise<EmulatorRequest[]> {
  return (await fetch(`${emulatorUrl}/_emulator/requests`)).json() as Promise<EmulatorRequest[]>;
}

/**
 * Runs a TypeScript script (`tsx`) against the demo portal's own database, as Airlock reads it:
 * the data directory's SQLite file, or the PostgreSQL pass's database. For what a test cannot do
 * through the UI, such as letting time pass.
 */
export function runOnPortalDatabase(script: string, ...args: string[]): void {
  execFileSync("npx", ["tsx", "--conditions=react-server", script, ...args], {
    env: {
      ...process.env,
      AIRLOCK_DEMO: "true",
      AIRLOCK_DATA_DIR: process.env.E2E_DATA_DIR ?? "",
      DATABASE_URL: process.env.E2E_DATABASE_URL ?? "",
    },
    stdio: "inherit",
  });
}
