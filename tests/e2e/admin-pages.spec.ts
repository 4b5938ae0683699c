import { expect as baseExpect, test } from "@playwright/test";
import { signInWithOidc } from "./helpers";
import { viewports } from "./viewports";

// Sign-ins and server round trips on a shared, busy machine.
const expect = baseExpect.configure({ timeout: 15_000 });

test.describe.configure({ timeout: 90_000 });

const adminPages = [
  ["/admin/accounts", "Accounts & roles"],
  ["/admin/access?q=engineering", "Effective access"],
  ["/admin/people", "People"],
  ["/admin/config", "Config as code"],
  ["/admin/audit", "Audit log"],
  ["/admin/aws-setup", "AWS setup"],
] as const;

for (const { name, viewport } of viewports) {
  test.describe(`admin pages (${name})`, () => {
    test.use({ viewport });

    test("the audit log reads as sentences, with before/after details, an action select and no empty columns", async ({
      page,
    }, testInfo) => {
      await signInWithOidc(page, "bob@example.com", "bob");
      // A change to read about: map a group, then change the role's session length.
      await page.goto("/admin/accounts/111111111111");
      const card = page.getByRole("listitem", { name: "Role Developer" });
      const group = `auditors-${name}`;
      await card.getByLabel("Group").fill(group);
      await card.getByLabel("Session cap (hours, optional)").fill("1.5");
      await card.getByRole("button", { name: "Map group to Developer" }).click();
      await expect(card.getByRole("button", { name: `Unmap ${group} from Developer` })).toBeVisible();

      await page.goto("/admin/audit");
      const action = page.getByLabel("Action");
      await expect(action.locator("option")).toContainText(["Any action", "Group mappings", "Console sign-ins"]);
      await action.selectOption({ label: "Group mappings" });
      await page.getByRole("button", { name: "Filter" }).click();
      await expect(page).toHaveURL(/action=admin\.mapping/);
      const row = page.getByTestId("audit-row").first();
      await expect(row).toContainText(`bob mapped ${group} → sandbox/Developer`);
      // No issuance on this page: the access key column is left out; the raw JSON is not on screen.
      await expect(page.getByRole("columnheader", { name: "Access key" })).toHaveCount(0);
      await expect(row.getByText('{"before"')).toHaveCount(0);
      await row.getByText("Details").click();
      await expect(row.getByRole("row", { name: /maxDurationSeconds/ })).toContainText("1.5 h");
      await expect(row).toContainText("admin.mapping.create");
      await expect(row).toContainText("bob@example.com");
      await page.screenshot({ path: testInfo.outputPath(`audit-log-${name}.png`), fullPage: true });
      expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(viewport.width);
    });

    test("every admin page marks its section and fits the screen", async ({ page }) => {
      await signInWithOidc(page, "bob@example.com", "bob");
      for (const [path, section] of adminPages) {
        await page.goto(path);
        const nav = page.getByRole("navigation", { name: "Admin" });
        await expect(nav.getByRole("link", { name: section })).toHaveAttribute("aria-current", "page");
        await expect(nav.locator("[aria-current=page]")).toHaveCount(1);
        const width = await page.evaluate(() => document.documentElement.scrollWidth);
        expect(width, path).toBeLessThanOrEqual(viewport.width);
      }
    });

    test("a branded 404 with the header and a way home, also for an unknown account in admin", async ({
      page,
    }, testInfo) => {
      await signInWithOidc(page, "bob@example.com", "bob");
      const missing = await page.goto("/no-such-page");
      expect(missing?.status()).toBe(404);
      await expect(page.getByRole("banner").getByRole("link", { name: "Airlock" })).toBeVisible();
      await expect(page.getByRole("heading", { level: 1 })).toHaveText("This page does not exist");
      await page.screenshot({ path: testInfo.outputPath(`not-found-${name}.png`), fullPage: true });
      await page.getByRole("link", { name: "Back to your accounts" }).click();
      await expect(page).toHaveURL(/\/$/);

      const account = await page.goto("/admin/accounts/999999999999");
      expect(account?.status()).toBe(404);
      await expect(page.getByRole("banner")).toBeVisible();
      await expect(page.getByRole("navigation", { name: "Admin" })).toBeVisible();
      await expect(page.getByRole("heading", { level: 1 })).toHaveText("Nothing here");
      await page.screenshot({ path: testInfo.outputPath(`admin-not-found-${name}.png`), fullPage: true });
      await page.getByRole("link", { name: "All accounts" }).click();
      await expect(page.getByRole("heading", { level: 1, name: "AWS accounts" })).toBeVisible();
    });

    test("a 404 for someone signed out still has the header and leads to sign-in", async ({ page }) => {
      const response = await page.goto("/nowhere");
      expect(response?.status()).toBe(404);
      await expect(page.getByRole("banner")).toContainText("Airlock");
      await expect(page.getByRole("link", { name: "Sign in to Airlock" })).toBeVisible();
    });
  });
}
