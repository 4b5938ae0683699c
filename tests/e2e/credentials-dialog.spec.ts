import { expect, test, type Locator, type Page } from "@playwright/test";
import { signInWithOidc } from "./helpers";

// The credentials dialog as alice sees it, at a desktop width and a 390 px phone: the region of
// every format is the console region chosen on the page, each value and block copies, the format
// tabs are one keyboard-operable row (a select on the phone), and production says PROD.

const regionIn: [string, string, string][] = [
  ["bash", "bash / zsh", " export AWS_DEFAULT_REGION='eu-west-1'"],
  ["fish", "fish", " set -gx AWS_DEFAULT_REGION 'eu-west-1'"],
  ["powershell", "PowerShell", " $Env:AWS_DEFAULT_REGION = 'eu-west-1'"],
  ["cmd", "Windows cmd", 'set "AWS_DEFAULT_REGION=eu-west-1"'],
  ["profile", "~/.aws/credentials", "region = eu-west-1"],
  ["configure", "aws configure set", " aws configure set region 'eu-west-1' --profile 'sandbox-developer'"],
  ["credential_process", "credential_process", "region = eu-west-1"],
  ["dotenv", ".env", "AWS_DEFAULT_REGION='eu-west-1'"],
];

test.use({ permissions: ["clipboard-read", "clipboard-write"] });
// Sign-in, issuance and every format, on a machine shared with other work.
test.describe.configure({ timeout: 120_000 });

async function openDialog(page: Page, account: string, role: string): Promise<Locator> {
  await page.getByLabel("Console region").selectOption("eu-west-1");
  await page.getByLabel("Search accounts and roles").fill(account);
  await page.getByRole("button", { name: `CLI credentials for ${account} ${role}` }).click();
  return page.getByRole("dialog", { name: new RegExp(`^CLI credentials · ${account} / ${role}`) });
}

const clipboard = (page: Page) => page.evaluate(() => navigator.clipboard.readText());

test("desktop: region in every format, copy buttons, tabs by keyboard, visible focus", async ({ page }, testInfo) => {
  await page.setViewportSize({ width: 1280, height: 900 });
  await signInWithOidc(page, "alice@example.com", "alice");
  const dialog = await openDialog(page, "sandbox", "Developer");
  await expect(dialog.getByRole("heading", { name: "CLI credentials · sandbox / Developer" })).toBeVisible();
  await expect(dialog).toContainText("Region eu-west-1, the console region chosen on the page.");

  // The duration chips show where the keyboard is.
  await dialog.getByRole("radio", { name: "1 h" }).focus();
  await page.keyboard.press("ArrowRight");
  const chip = dialog.locator("label", { has: page.getByRole("radio", { name: "2 h" }) });
  await expect(dialog.getByRole("radio", { name: "2 h" })).toBeFocused();
  await expect(chip).toHaveCSS("outline-style", "solid");

  await dialog.getByRole("button", { name: "Get credentials" }).click();
  await expect(dialog.getByText(/^Expires \d\d:\d\d \(1:59:\d\d left\)$/)).toBeVisible();
  await expect(dialog.getByTestId("profile-name")).toHaveText("sandbox-developer");

  // One row of tabs, each format carrying the chosen region.
  const tabs = dialog.getByRole("tab");
  await expect(tabs).toHaveCount(regionIn.length);
  const rows = await tabs.evaluateAll((all) => new Set(all.map((t) => Math.round(t.getBoundingClientRect().top))).size);
  expect(rows).toBe(1);
  expect(await dialog.getByRole("tablist").evaluate((list) => list.scrollWidth <= list.clientWidth)).toBe(true);
  for (const [, label, line] of regionIn) {
    await dialog.getByRole("tab", { name: label, exact: true }).click();
    await expect(dialog.getByRole("tabpanel")).toContainText(line);
  }
  await dialog.getByRole("tab", { name: "credential_process" }).click();
  await expect(dialog.getByTestId("credentials-text")).toHaveText(
    "[profile sandbox-developer]\ncredential_process = airlock creds --account 111111111111 --role Developer\nregion = eu-west-1\n",
  );
  await expect(dialog.getByRole("link", { name: "Terminal page" })).toHaveAttribute("href", "/terminal");
  await expect(dialog.getByRole("tabpanel")).not.toContainText('"Version"');

  // Arrow keys, Home and End move the selection; only the selected tab is in the Tab order.
  await dialog.getByRole("tab", { name: "bash / zsh" }).click();
  for (const [key, label] of [
    ["ArrowRight", "fish"],
    ["ArrowRight", "PowerShell"],
    ["ArrowLeft", "fish"],
    ["End", ".env"],
    ["ArrowRight", "bash / zsh"],
    ["ArrowLeft", ".env"],
    ["Home", "bash / zsh"],
  ]) {
    await page.keyboard.press(key);
    const tab = dialog.getByRole("tab", { name: label, exact: true });
    await expect(tab).toBeFocused();
    await expect(tab).toHaveAttribute("aria-selected", "true");
    await expect(tab).toHaveAttribute("tabindex", "0");
  }
  await expect(dialog.locator('[role="tab"][tabindex="0"]')).toHaveCount(1);

  // The block and each value copy; "Copied" keeps the button's width and is announced.
  const block = (await dialog.getByTestId("credentials-text").textContent())!;
  const copyBlock = dialog.getByRole("button", { name: "Copy bash / zsh" });
  const width = (await copyBlock.boundingBox())!.width;
  await copyBlock.click();
  await expect(copyBlock.getByText("Copied")).toBeVisible();
  await expect(copyBlock.getByText("Copy", { exact: true })).toBeHidden();
  expect((await copyBlock.boundingBox())!.width).toBe(width);
  await expect(dialog.getByRole("status").filter({ hasText: "Copied" })).toHaveCount(1);
  expect(await clipboard(page)).toBe(block);
  const secret = /AWS_SECRET_ACCESS_KEY='([^']+)'/.exec(block)![1];
  await dialog.getByRole("button", { name: "Copy secret access key" }).click();
  await expect.poll(() => clipboard(page)).toBe(secret);
  await dialog.getByRole("button", { name: "Copy region" }).click();
  await expect.poll(() => clipboard(page)).toBe("eu-west-1");
  await dialog.getByRole("button", { name: "Copy profile name" }).click();
  await expect.poll(() => clipboard(page)).toBe("sandbox-developer");

  await page.screenshot({ path: testInfo.outputPath("credentials-dialog-desktop.png"), fullPage: false });
  await dialog.getByRole("button", { name: "Close" }).click();

  // Production is unmistakable in the title; sandbox was not marked.
  const production = await openDialog(page, "production", "ReadOnly");
  await expect(production.getByRole("heading", { name: "CLI credentials · production / ReadOnly PROD" })).toBeVisible();
  await page.screenshot({ path: testInfo.outputPath("credentials-dialog-prod-desktop.png") });
});

test("390 px phone: a format select instead of tabs, the region in each format, nothing overflows", async ({
  page,
}, testInfo) => {
  await page.setViewportSize({ width: 390, height: 844 });
  await signInWithOidc(page, "alice@example.com", "alice");
  const dialog = await openDialog(page, "sandbox", "Developer");
  await dialog.getByRole("button", { name: "Get credentials" }).click();
  await expect(dialog.getByTestId("countdown")).toHaveText(/^59:\d\d left$/);
  await expect(dialog.getByRole("tablist")).toBeHidden();
  const select = dialog.getByRole("combobox", { name: "Format" });
  for (const [id, , line] of regionIn) {
    await select.selectOption(id);
    await expect(dialog.getByRole("tabpanel")).toContainText(line);
  }
  await select.selectOption("bash");
  const box = (await dialog.boundingBox())!;
  expect(box.x).toBeGreaterThanOrEqual(0);
  expect(box.x + box.width).toBeLessThanOrEqual(390);
  expect(await dialog.evaluate((d) => d.scrollWidth <= d.clientWidth)).toBe(true);
  await page.screenshot({ path: testInfo.outputPath("credentials-dialog-phone.png") });
});
