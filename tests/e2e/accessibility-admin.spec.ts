import { writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import AxeBuilder from "@axe-core/playwright";
import { expect as baseExpect, test, type Page } from "@playwright/test";
import { signInWithOidc } from "./helpers";
import { viewports } from "./viewports";

// Sign-ins and server round trips on a shared, busy machine.
const expect = baseExpect.configure({ timeout: 15_000 });

// axe-core over every admin page and the states people reach in them (a refused form, an open
// confirmation, an opened audit event, a destructive plan): no serious or critical violations, at
// a laptop's width and a phone's. Bob signs in once; each check reuses his session.
test.describe.configure({ timeout: 90_000 });
const bobState = path.join(process.env.E2E_DATA_DIR ?? os.tmpdir(), "axe-bob-state.json");

test.beforeAll(async ({ browser }) => {
  // Contexts made here take the file's storageState too: start from an empty one.
  writeFileSync(bobState, JSON.stringify({ cookies: [], origins: [] }));
  const context = await browser.newContext();
  await signInWithOidc(await context.newPage(), "bob@example.com", "bob");
  await context.storageState({ path: bobState });
  await context.close();
});

async function seriousViolations(page: Page) {
  await page.waitForLoadState("networkidle");
  const results = await new AxeBuilder({ page }).analyze();
  return results.violations
    .filter((v) => v.impact === "serious" || v.impact === "critical")
    .map((v) => `${v.id} (${v.impact}): ${v.help} — ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`);
}

const states: [string, (page: Page) => Promise<void>][] = [
  ["accounts", (page) => page.goto("/admin/accounts").then(() => undefined)],
  ["an account", (page) => page.goto("/admin/accounts/333333333333").then(() => undefined)],
  ["deleting an account", (page) => page.goto("/admin/accounts/333333333333/delete").then(() => undefined)],
  ["effective access", (page) => page.goto("/admin/access?q=engineering").then(() => undefined)],
  ["a group in the wrong case", (page) => page.goto("/admin/access?q=Engineering").then(() => undefined)],
  ["people", (page) => page.goto("/admin/people").then(() => undefined)],
  ["AWS setup", (page) => page.goto("/admin/aws-setup").then(() => undefined)],
  ["the admin 404", (page) => page.goto("/admin/accounts/999999999999").then(() => undefined)],
  ["the 404", (page) => page.goto("/no-such-page").then(() => undefined)],
  [
    "a person",
    async (page) => {
      await page.goto("/admin/people?q=bob");
      await page.getByRole("link", { name: /bob@example\.com/ }).click();
      await expect(page.getByRole("heading", { name: "Revoke access" })).toBeVisible();
    },
  ],
  [
    "a refused form",
    async (page) => {
      await page.goto("/admin/accounts");
      const form = page.getByRole("region", { name: "Add an account" });
      await form.getByLabel("Account id").fill("1");
      await form.getByLabel("Name").fill("x");
      await form.getByLabel("Environment").fill("dev");
      await expect(async () => {
        await form.getByRole("button", { name: "Create account" }).click();
        await expect(form.getByRole("alert")).toBeVisible({ timeout: 3000 });
      }).toPass();
    },
  ],
  [
    "a confirmation",
    async (page) => {
      await page.goto("/admin/accounts/111111111111");
      await expect(async () => {
        await page.getByRole("button", { name: "Delete role Admin" }).click();
        await expect(page.getByRole("dialog")).toBeVisible({ timeout: 3000 });
      }).toPass();
    },
  ],
  [
    "the audit log with an event opened",
    async (page) => {
      await page.goto("/admin/audit");
      await page.getByTestId("audit-row").first().getByText("Details").click();
    },
  ],
  [
    "a destructive config plan",
    async (page) => {
      await page.goto("/admin/config");
      await page.getByLabel("YAML to import").fill("accounts: []\n");
      await page.getByRole("button", { name: "Dry run" }).click();
      await expect(page.getByLabel(/This plan deletes data/)).toBeVisible();
    },
  ],
];

for (const { name, viewport } of viewports) {
  test.describe(`admin accessibility (${name})`, () => {
    test.use({ viewport, storageState: bobState });
    for (const [state, reach] of states)
      test(`${state}: no serious or critical axe violations`, async ({ page }) => {
        await reach(page);
        expect(await seriousViolations(page)).toEqual([]);
      });
  });

  test(`the 403 page (${name}): no serious or critical axe violations`, async ({ browser }) => {
    const context = await browser.newContext({ viewport });
    const page = await context.newPage();
    await signInWithOidc(page, "alice@example.com", "alice");
    await page.goto("/admin");
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("Only Airlock administrators can open this page");
    expect(await seriousViolations(page)).toEqual([]);
    await context.close();
  });
}
