import { expect as baseExpect, test, type Page } from "@playwright/test";
import { parse, stringify } from "yaml";
import { signInWithOidc } from "./helpers";
import { viewports } from "./viewports";

// Sign-ins and server round trips on a shared, busy machine.
const expect = baseExpect.configure({ timeout: 15_000 });

// Config as code shows the plan for the text in the box and applies exactly that plan.
test.describe.configure({ timeout: 120_000 });

type Config = { accounts: { name: string; description?: string; roles: { name: string; groups: string[] }[] }[] };

async function exportConfig(page: Page): Promise<string> {
  const response = await page.request.get("/admin/config/export");
  expect(response.status()).toBe(200);
  return response.text();
}

async function dryRun(page: Page, yaml: string) {
  await page.getByLabel("YAML to import").fill(yaml);
  await page.getByRole("button", { name: "Dry run" }).click();
  const plan = page.getByRole("status", { name: "Plan" });
  await expect(plan).toContainText("Dry run:");
  return plan;
}

for (const { name, viewport } of viewports) {
  test.describe(`config as code (${name})`, () => {
    test.use({ viewport });

    test("the plan always belongs to the text; deleting everything needs the typed phrase", async ({ page }) => {
      await signInWithOidc(page, "bob@example.com", "bob");
      await page.goto("/admin/config");
      const original = await exportConfig(page);
      const apply = page.getByRole("button", { name: "Apply this plan" });
      const plan = await dryRun(page, original);
      await expect(plan).toContainText("No changes");

      // Replacing the text withdraws the plan: nothing old stays on screen, Apply is off.
      await page.getByLabel("YAML to import").fill("accounts: []\n");
      await expect(plan).toHaveCount(0);
      await expect(page.getByText("The text changed since the last dry run")).toBeVisible();
      await expect(apply).toBeDisabled();

      await page.getByRole("button", { name: "Dry run" }).click();
      await expect(plan).toContainText(/0 to create, 0 to change, \d+ to delete/);
      const phrase = (await page.locator("label code").textContent()) ?? "";
      expect(phrase).toMatch(/^delete \d+ accounts and \d+ production mappings?$/);
      await expect(apply).toBeDisabled();
      const confirmation = page.getByLabel(/This plan deletes data/);
      await confirmation.fill("delete");
      await expect(apply).toBeDisabled();
      await confirmation.fill(phrase);
      await expect(apply).toBeEnabled();
      // Not applied here: the rest of the suite needs the demo accounts.
      expect(await exportConfig(page)).toBe(original);
    });

    test("a change made since the dry run is refused; a typed production deletion applies", async ({ page }) => {
      await signInWithOidc(page, "bob@example.com", "bob");
      await page.goto("/admin/config");
      const original = await exportConfig(page);
      const edited = original.replace("Pre-production, mirrors prod", `Pre-production (${name})`);
      const plan = await dryRun(page, edited);
      await expect(plan).toContainText("0 to create, 1 to change, 0 to delete");

      // Another admin maps a group meanwhile.
      const other = await page.context().newPage();
      await other.goto("/admin/accounts/111111111111");
      const card = other.getByRole("listitem", { name: "Role ReadOnly" });
      await card.getByLabel("Group").fill(`meanwhile-${name}`);
      await card.getByRole("button", { name: "Map group to ReadOnly" }).click();
      await expect(card.getByRole("button", { name: `Unmap meanwhile-${name} from ReadOnly` })).toBeVisible();
      await other.close();

      await page.getByRole("button", { name: "Apply this plan" }).click();
      await expect(page.getByRole("alert", { name: "Plan" })).toContainText("changed since this dry run");
      await expect(page.getByRole("button", { name: "Apply this plan" })).toBeDisabled();
      expect(await exportConfig(page)).not.toContain(`Pre-production (${name})`);

      // The new dry run shows the mapping the text would remove; that is what gets applied.
      await page.getByRole("button", { name: "Dry run" }).click();
      await expect(plan).toContainText("0 to create, 1 to change, 1 to delete");
      await expect(plan).toContainText(`- mapping 111111111111/ReadOnly/meanwhile-${name}`);
      await page.getByRole("button", { name: "Apply this plan" }).click();
      const result = page.getByRole("status", { name: "Result" });
      await expect(result).toContainText("Applied. 0 to create, 1 to change, 1 to delete.");
      expect(await exportConfig(page)).toContain(`Pre-production (${name})`);
      await page.getByLabel("YAML to import").press("End");
      await page.getByLabel("YAML to import").pressSequentially(" ");
      await expect(result).toHaveCount(0);

      // Removing a production mapping asks for the phrase, then applies.
      const config = parse(original) as Config;
      const admin = config.accounts.find((a) => a.name === "production")!.roles.find((r) => r.name === "Admin")!;
      admin.groups = admin.groups.filter((g) => g !== "sre");
      await dryRun(page, stringify(config));
      await page.getByLabel(/This plan deletes data/).fill("delete 1 production mapping");
      await page.getByRole("button", { name: "Apply this plan" }).click();
      await expect(result).toContainText("- mapping 333333333333/Admin/sre");

      // Back to the demo's entitlements.
      await dryRun(page, original);
      await page.getByRole("button", { name: "Apply this plan" }).click();
      await expect(result).toContainText("Applied.");
      expect(await exportConfig(page)).toBe(original);
    });
  });
}
