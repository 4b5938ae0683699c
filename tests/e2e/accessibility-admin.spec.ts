import AxeBuilder from "@axe-core/playwright";
import { expect, test, type Page } from "@playwright/test";
import { signInWithOidc } from "./helpers";
import { viewports } from "./viewports";

// axe-core over every admin page (and the states people reach in them): no serious or critical
// violations, at a laptop's width and a phone's.
test.describe.configure({ timeout: 120_000 });

const pages = [
  "/admin/accounts",
  "/admin/accounts/333333333333",
  "/admin/accounts/333333333333/delete",
  "/admin/access?q=engineering",
  "/admin/access?q=Engineering",
  "/admin/people",
  "/admin/config",
  "/admin/audit",
  "/admin/aws-setup",
  "/admin/accounts/999999999999",
  "/no-such-page",
];

async function seriousViolations(page: Page) {
  const results = await new AxeBuilder({ page }).analyze();
  return results.violations
    .filter((v) => v.impact === "serious" || v.impact === "critical")
    .map((v) => `${v.id} (${v.impact}): ${v.help} — ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`);
}

for (const { name, viewport } of viewports) {
  test.describe(`admin accessibility (${name})`, () => {
    test.use({ viewport });

    test("admin pages have no serious or critical axe violations", async ({ page }) => {
      await signInWithOidc(page, "bob@example.com", "bob");
      for (const path of pages) {
        await page.goto(path);
        await page.waitForLoadState("networkidle");
        expect(await seriousViolations(page), path).toEqual([]);
      }
      // The person page, a form refused beside its field, an open confirmation and an open audit event.
      await page.goto("/admin/people?q=bob");
      await page.getByRole("link", { name: /bob@example\.com/ }).click();
      await expect(page.getByRole("heading", { name: "Revoke access" })).toBeVisible();
      expect(await seriousViolations(page), "person").toEqual([]);

      await page.goto("/admin/accounts");
      const form = page.getByRole("region", { name: "Add an account" });
      await form.getByLabel("Account id").fill("1");
      await form.getByLabel("Name").fill("x");
      await form.getByLabel("Environment").fill("dev");
      await form.getByRole("button", { name: "Create account" }).click();
      await expect(form.getByRole("alert")).toBeVisible();
      expect(await seriousViolations(page), "refused form").toEqual([]);

      await page.goto("/admin/accounts/111111111111");
      await page.getByRole("button", { name: "Delete role Admin" }).click();
      await expect(page.getByRole("dialog")).toBeVisible();
      expect(await seriousViolations(page), "confirmation").toEqual([]);
      await page.getByRole("dialog").getByRole("button", { name: "Cancel" }).click();

      await page.goto("/admin/audit");
      await page.getByTestId("audit-row").first().getByText("Details").click();
      expect(await seriousViolations(page), "audit details").toEqual([]);

      await page.goto("/admin/config");
      await page.getByLabel("YAML to import").fill("accounts: []\n");
      await page.getByRole("button", { name: "Dry run" }).click();
      await expect(page.getByLabel(/This plan deletes data/)).toBeVisible();
      expect(await seriousViolations(page), "config plan").toEqual([]);
    });

    test("the 403 page has no serious or critical axe violations", async ({ page }) => {
      await signInWithOidc(page, "alice@example.com", "alice");
      await page.goto("/admin");
      await expect(page.getByRole("heading", { level: 1 })).toHaveText(
        "Only Airlock administrators can open this page",
      );
      expect(await seriousViolations(page)).toEqual([]);
    });
  });
}
