import { expect, type Page } from "@playwright/test";

export const emulatorUrl = `http://127.0.0.1:${Number(process.env.E2E_PORT ?? 3100) + 3}`;

/** Signs in through the demo OIDC IdP's real login form. */
export async function signInWithOidc(page: Page, email: string, password: string): Promise<void> {
  await page.goto("/signin");
  await page.getByRole("button", { name: "Sign in with Demo OIDC IdP" }).click();
  await expect(page.getByRole("heading", { name: "Demo OIDC IdP" })).toBeVisible();
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill(password);
  await page.getByRole("button", { name: "Sign in" }).click();
}

export type EmulatorRequest = { action: string; outcome: string; roleArn?: string; accessKeyId?: string };

export async function emulatorRequests(): Promise<EmulatorRequest[]> {
  return (await fetch(`${emulatorUrl}/_emulator/requests`)).json() as Promise<EmulatorRequest[]>;
}
