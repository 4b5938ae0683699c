import AxeBuilder from "@axe-core/playwright";
import { expect, test, type Page } from "@playwright/test";
import { signInWithOidc } from "./helpers";

/**
 * axe-core over the portal's pages, at a desktop and a phone width: no serious or critical
 * violation (WCAG 2.x A and AA plus axe's best practices). Lesser findings are listed in the report.
 */
async function expectNoSeriousViolations(page: Page, name: string): Promise<void> {
  await page.waitForLoadState("networkidle");
  const results = await new AxeBuilder({ page }).analyze();
  const lesser = results.violations.filter((v) => v.impact !== "serious" && v.impact !== "critical");
  for (const v of lesser)
    test.info().annotations.push({ type: `axe ${v.impact} (${name})`, description: `${v.id}: ${v.help}` });
  const serious = results.violations
    .filter((v) => v.impact === "serious" || v.impact === "critical")
    .map((v) => ({ id: v.id, impact: v.impact, help: v.help, targets: v.nodes.map((n) => n.target.join(" ")) }));
  expect.soft(serious, `${name}: serious or critical accessibility violations`).toEqual([]);
  // A page with nothing on it passes axe too: make sure it was the page meant.
  expect(results.passes.length).toBeGreaterThan(10);
}

const widths = [
  { name: "desktop", viewport: { width: 1280, height: 800 } },
  { name: "phone", viewport: { width: 390, height: 844 } },
] as const;

for (const width of widths) {
  test.describe(`accessibility at ${width.name} width`, () => {
    test.use({ viewport: width.viewport });
    // Each axe pass takes seconds on a busy machine; these tests run several.
    test.describe.configure({ timeout: 180_000 });

    test("sign-in, and the notice after sign-out", async ({ page }) => {
      await page.goto("/signin");
      await expect(page.getByRole("heading", { level: 1, name: "Sign in to Airlock" })).toBeVisible();
      await expectNoSeriousViolations(page, "sign-in");
      await page.goto("/signin?signedOut=1");
      await expect(page.getByRole("status")).toContainText("You are signed out of Airlock.");
      await expectNoSeriousViolations(page, "signed out");
    });

    test("bob's home page, with a keyboard selection, and his /go confirmation and sessions", async ({ page }) => {
      await signInWithOidc(page, "bob@example.com", "bob");
      await expect(page.getByRole("region", { name: "All accounts" })).toBeVisible();
      await expectNoSeriousViolations(page, "home");
      await page.getByRole("combobox", { name: "Search accounts and roles" }).fill("prod");
      await expect(page.getByRole("gridcell", { selected: true })).toHaveCount(1);
      await expectNoSeriousViolations(page, "home, searching");

      await page.goto("/go?account=production&role=Admin&region=eu-west-1&destination=s3");
      await expect(page.getByRole("heading", { level: 1 })).toHaveText("Open the AWS console?");
      await expectNoSeriousViolations(page, "/go confirmation");
      await page.goto("/go?account=production&role=");
      await expect(page.getByRole("heading", { level: 1 })).toHaveText("This link cannot open the AWS console");
      await expectNoSeriousViolations(page, "/go broken link");

      await page.goto("/sessions");
      await expect(page.getByRole("heading", { level: 1 })).toHaveText("Your sessions");
      await expectNoSeriousViolations(page, "/sessions");
    });

    test("alice's refusal of a role she lacks, and carol's empty home page", async ({ page, browser }) => {
      await signInWithOidc(page, "alice@example.com", "alice");
      await page.goto("/go?account=staging&role=Admin");
      await expect(page.getByText("403 · Not entitled")).toBeVisible();
      await expectNoSeriousViolations(page, "/go not entitled");

      const carolContext = await browser.newContext({ viewport: width.viewport });
      const carol = await carolContext.newPage();
      await signInWithOidc(carol, "carol@example.com", "carol");
      await expect(carol.getByText("You have no AWS access yet")).toBeVisible();
      await expectNoSeriousViolations(carol, "home without groups");
      await carolContext.close();
    });
  });
}
