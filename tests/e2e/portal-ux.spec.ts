import { expect, test, type Page } from "@playwright/test";
import { emulatorRequests, signInWithOidc } from "./helpers";

// Every check at a desktop width and at a phone's (390 px, the width of most phones today).
const widths = [
  { name: "desktop", viewport: { width: 1280, height: 800 }, isMobile: false, region: "eu-west-1", page: "s3" },
  { name: "phone", viewport: { width: 390, height: 844 }, isMobile: true, region: "eu-west-2", page: "ec2" },
] as const;

async function focusSearch(page: Page) {
  const search = page.getByRole("combobox", { name: "Search accounts and roles" });
  // "/" focuses the search once the page is interactive.
  await expect(async () => {
    await page.keyboard.press("/");
    await expect(search).toBeFocused({ timeout: 500 });
  }).toPass();
  return search;
}

/** The sticky search block's box: a row is visible when it is below it and above the screen's end. */
async function expectFullyVisible(page: Page, row: ReturnType<Page["locator"]>) {
  const toolbar = await page.getByTestId("portal-toolbar").boundingBox();
  const box = await row.boundingBox();
  const height = page.viewportSize()!.height;
  expect(toolbar && box).toBeTruthy();
  expect(box!.y).toBeGreaterThanOrEqual(toolbar!.y + toolbar!.height - 1);
  expect(box!.y + box!.height).toBeLessThanOrEqual(height + 1);
}

for (const width of widths) {
  test.describe(`the portal at ${width.name} width`, () => {
    test.use({
      viewport: width.viewport,
      isMobile: width.isMobile,
      hasTouch: width.isMobile,
      permissions: ["clipboard-read", "clipboard-write"],
    });
    // A sign-in, a dozen keyboard steps and a console round trip each: more than 30 s on a busy machine.
    test.describe.configure({ timeout: 90_000 });

    test("Enter opens only a highlighted role; arrows scroll the selection into view and announce it", async ({
      page,
      context,
    }) => {
      const opened: Page[] = [];
      context.on("page", (p) => opened.push(p));
      await signInWithOidc(page, "bob@example.com", "bob");
      const search = await focusSearch(page);
      await expect(search).toHaveAttribute("aria-expanded", "true");
      await expect(search).not.toHaveAttribute("aria-activedescendant");
      await expect(page.getByRole("gridcell", { selected: true })).toHaveCount(0);
      // Nothing is highlighted, so Enter does nothing (a tab opened here would be the first in `opened`).
      await page.keyboard.press("Enter");

      const rows = page.getByTestId("role-row");
      const count = await rows.count();
      for (let i = 0; i < count; i += 1) {
        await page.keyboard.press("ArrowDown");
        const selected = page.getByRole("gridcell", { selected: true });
        await expect(selected).toHaveCount(1);
        await expect(search).toHaveAttribute("aria-activedescendant", (await selected.getAttribute("id"))!);
        await expect(selected).toContainText("Enter opens the console");
        await expect(() => expectFullyVisible(page, page.locator('[data-testid="role-row"][data-active]'))).toPass();
      }
      // The last role of "All accounts" (accounts by name): staging's ReadOnly, named with its account.
      await expect(page.getByRole("gridcell", { selected: true })).toContainText(/staging \(staging\),\s*ReadOnly/);
      const grids = (await search.getAttribute("aria-controls"))!.split(" ");
      for (const id of grids) await expect(page.locator(`#${id}`)).toHaveAttribute("role", "grid");

      await page.keyboard.press("Escape");
      await expect(page.getByRole("gridcell", { selected: true })).toHaveCount(0);
      await page.keyboard.type("sandbox dev");
      // A search highlights its first match, visibly and for screen readers.
      await expect(page.getByRole("gridcell", { selected: true })).toContainText("Developer");
      await expect(page.getByRole("status").filter({ hasText: "1 matching role" })).toBeAttached();
      const [consolePage] = await Promise.all([context.waitForEvent("page"), page.keyboard.press("Enter")]);
      await expect(consolePage.getByTestId("assumed-role-arn")).toHaveText(
        "arn:aws:sts::111111111111:assumed-role/Developer/bob@example.com",
      );
      expect(opened).toHaveLength(1);
    });

    test("roles sit under one header per account, which collapses; each list is one tab stop", async ({ page }) => {
      await signInWithOidc(page, "bob@example.com", "bob");
      const all = page.getByRole("region", { name: "All accounts" });
      await expect(all.getByTestId("account-header")).toHaveText([/production/, /sandbox/, /staging/]);
      // The account id shows once, in its header, with its copy button; the rows do not repeat it.
      await expect(all.getByText("333333333333", { exact: true })).toHaveCount(1);
      await expect(all.getByRole("button", { name: "Copy account id 333333333333" })).toHaveCount(1);
      await expect(all.getByTestId("role-row")).toHaveCount(5);

      const production = all.getByRole("button", { name: /^production/ });
      await expect(production).toHaveAttribute("aria-expanded", "true");
      await production.click();
      await expect(production).toHaveAttribute("aria-expanded", "false");
      await expect(all.getByTestId("role-row")).toHaveCount(3);
      await expect(all.getByRole("link", { name: "Open console for production Admin" })).toHaveCount(0);
      await production.click();
      await expect(all.getByTestId("role-row")).toHaveCount(5);

      // From the search: two selects, then one stop per list, then out of the lists.
      await focusSearch(page);
      await page.keyboard.press("Tab");
      await expect(page.getByLabel("Console region")).toBeFocused();
      await page.keyboard.press("Tab");
      await expect(page.getByLabel("Open at")).toBeFocused();
      const grids = page.getByRole("grid");
      const gridCount = await grids.count();
      for (let i = 0; i < gridCount; i += 1) {
        await page.keyboard.press("Tab");
        await expect(grids.nth(i).locator(":focus")).toHaveCount(1);
      }
      await page.keyboard.press("Tab");
      for (let i = 0; i < gridCount; i += 1) await expect(grids.nth(i).locator(":focus")).toHaveCount(0);

      // Inside a list, arrows move between rows and along a row.
      await all.getByRole("button", { name: /^production/ }).focus();
      await page.keyboard.press("ArrowDown");
      await expect(all.getByRole("button", { name: "Pin production Admin" })).toBeFocused();
      await page.keyboard.press("End");
      await expect(all.getByRole("link", { name: "Open console for production Admin" })).toBeFocused();
      await page.keyboard.press("ArrowLeft");
      await expect(all.getByRole("button", { name: "CLI credentials for production Admin" })).toBeFocused();
      await page.keyboard.press("ArrowDown");
      await expect(all.getByRole("button", { name: "CLI credentials for production ReadOnly" })).toBeFocused();
    });

    test(`"Open at" is remembered across reloads, and Copy link keeps it without changing width`, async ({
      page,
      context,
    }) => {
      // bob, so alice keeps no recently used role (tests/e2e/portal.spec.ts counts her rows).
      await signInWithOidc(page, "bob@example.com", "bob");
      const all = page.getByRole("region", { name: "All accounts" });
      await page.getByLabel("Console region").selectOption(width.region);
      await page.getByLabel("Open at").selectOption(width.page);
      const [consolePage] = await Promise.all([
        context.waitForEvent("page"),
        all.getByRole("link", { name: "Open console for sandbox Developer" }).click(),
      ]);
      await expect(consolePage.getByTestId("destination")).toContainText(`${width.region}.console`);
      await expect(consolePage.getByTestId("destination")).toContainText(`/${width.page}`);
      await consolePage.close();

      await page.reload();
      await expect(page.getByLabel("Open at")).toHaveValue(width.page);
      await expect(page.getByLabel("Console region")).toHaveValue(width.region);

      const copy = all.getByRole("button", { name: "Copy link to sandbox Developer" });
      const before = (await copy.boundingBox())!;
      await copy.click();
      await expect(copy).toHaveText(/Copied/);
      await expect(page.getByRole("status").filter({ hasText: "Copied: link to sandbox Developer" })).toBeAttached();
      const after = (await copy.boundingBox())!;
      expect(after.width).toBe(before.width);
      expect(after.height).toBe(before.height);
      const link = new URL(await page.evaluate(() => navigator.clipboard.readText()));
      expect(link.pathname).toBe("/go");
      expect(Object.fromEntries(link.searchParams)).toEqual({
        account: "111111111111",
        role: "Developer",
        region: width.region,
        destination: width.page,
      });
      // The announcement clears, ready for the next copy.
      await expect(page.getByRole("status").filter({ hasText: "Copied" })).toHaveCount(0);
    });

    test("a broken /go link says what is wrong with it, without internals, and issues nothing", async ({ page }) => {
      await signInWithOidc(page, "alice@example.com", "alice");
      const stsCalls = async () => (await emulatorRequests()).filter((r) => r.action === "AssumeRoleWithSAML").length;
      const before = await stsCalls();
      const cases: [string, string][] = [
        ["/go", "It does not say which account and role to open."],
        ["/go?account=abc&role=", "It names no role to open in “abc”."],
        ["/go?account=sandbox&role=Developer&region=mars-1", "“mars-1” is not an AWS region name, such as eu-west-1"],
        ["/go?account=sandbox&role=Developer&destination=https://evil.example", "Airlock does not open the console at"],
      ];
      for (const [path, problem] of cases) {
        await page.goto(path);
        await expect(page.getByRole("heading", { level: 1 })).toHaveText("This link cannot open the AWS console");
        await expect(page.getByTestId("link-problems")).toContainText(problem);
        const text = await page.locator("main").innerText();
        for (const internal of ["accountId", "roleName", "region:", "403", "Not entitled"])
          expect(text).not.toContain(internal);
        await expect(page.getByRole("link", { name: "Back to your accounts" })).toBeVisible();
      }
      // The API's callers get sentences too.
      const response = await page.request.post("/api/credentials", { data: {} });
      expect(response.status()).toBe(400);
      expect((await response.json()).error.message).toBe(
        "The account id (accountId) is missing. The role name (roleName) is missing.",
      );
      expect(await stsCalls()).toBe(before);
    });

    test("the search block stays small and opaque; Open console never wraps alone; home page screenshot", async ({
      page,
    }, testInfo) => {
      await signInWithOidc(page, "bob@example.com", "bob");
      const toolbar = page.getByTestId("portal-toolbar");
      const box = (await toolbar.boundingBox())!;
      expect(box.height / width.viewport.height).toBeLessThan(0.2);
      // Opaque: no alpha in the computed colour, so rows scrolled beneath cannot show through.
      expect(await toolbar.evaluate((el) => getComputedStyle(el).backgroundColor)).not.toMatch(/transparent|rgba|\/ /);

      for (const row of await page.getByTestId("role-row").all()) {
        const open = (await row.getByRole("link", { name: /^Open console/ }).boundingBox())!;
        const cli = (await row.getByRole("button", { name: /^CLI credentials/ }).boundingBox())!;
        // Side by side on one line: same height, same middle.
        expect(Math.abs(open.y + open.height / 2 - (cli.y + cli.height / 2))).toBeLessThanOrEqual(1);
        expect(open.height).toBeLessThan(40);
        expect(open.x + open.width).toBeLessThanOrEqual(width.viewport.width);
      }
      await page.screenshot({ path: testInfo.outputPath(`home-${width.name}.png`) });
      await page.screenshot({ path: testInfo.outputPath(`home-${width.name}-full.png`), fullPage: true });

      // Scrolled on a phone (the desktop page of five roles barely scrolls): the block stays on top.
      if (width.isMobile) {
        await page.evaluate(() => window.scrollBy(0, 400));
        await expect(async () => expect((await toolbar.boundingBox())!.y).toBe(0)).toPass();
        await page.screenshot({ path: testInfo.outputPath(`home-${width.name}-scrolled.png`) });
      }
    });

    test("carol, with no groups, is told what to ask for and whom; sign-out says consoles stay signed in", async ({
      page,
    }) => {
      await signInWithOidc(page, "carol@example.com", "carol");
      const empty = page.getByRole("status").filter({ hasText: "You have no AWS access yet" });
      await expect(empty).toContainText("reported no groups for you");
      await expect(empty).toContainText("Ask the platform team (platform@example.com) to add you to your team's group");
      await expect(empty).not.toContainText("None of your groups");

      await page.getByRole("button", { name: "Sign out" }).click();
      await expect(page).toHaveURL(/\/signin\?signedOut=1$/);
      await expect(page.getByRole("status")).toContainText(
        "AWS console sessions you opened stay signed in until they expire",
      );
    });
  });
}
