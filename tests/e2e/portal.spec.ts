import { execFileSync } from "node:child_process";
import { expect, test } from "@playwright/test";
import { emulatorRequests, emulatorUrl, runOnPortalDatabase, signInWithOidc } from "./helpers";

test.describe("the employee portal", () => {
  test.use({ permissions: ["clipboard-read", "clipboard-write"] });

  test("alice finds staging, opens its console, then copies sandbox CLI credentials that work in bash", async ({
    page,
    context,
  }) => {
    await signInWithOidc(page, "alice@example.com", "alice");
    // Her three roles (earlier tests may also have put one under "Recently used").
    await expect(page.getByRole("region", { name: "All accounts" }).getByTestId("role-row")).toHaveCount(3);

    // "/" focuses the search once the page is interactive.
    await expect(async () => {
      await page.keyboard.press("/");
      await expect(page.getByLabel("Search accounts and roles")).toBeFocused({ timeout: 500 });
    }).toPass();
    await page.keyboard.type("stag");
    await expect(page.getByTestId("role-row")).toHaveCount(1);
    await expect(page.getByTestId("role-row")).toContainText("staging");

    const [consolePage] = await Promise.all([
      context.waitForEvent("page"),
      page.getByRole("link", { name: "Open console for staging ReadOnly" }).click(),
    ]);
    await expect(consolePage.getByTestId("assumed-role-arn")).toHaveText(
      "arn:aws:sts::222222222222:assumed-role/ReadOnly/alice@example.com",
    );
    await expect(consolePage.getByTestId("session-name")).toHaveText("alice@example.com");
    await consolePage.close();

    await page.getByLabel("Search accounts and roles").fill("sandbox");
    await page.getByRole("button", { name: "CLI credentials for sandbox Developer" }).click();
    const dialog = page.getByRole("dialog", { name: "CLI credentials · sandbox / Developer" });
    await dialog.getByText("4 h", { exact: true }).click();
    await dialog.getByRole("button", { name: "Get credentials" }).click();
    await expect(dialog.getByTestId("countdown")).toHaveText(/^3:59:\d\d left$/);
    await expect(dialog).toContainText("sandbox-developer");
    for (const tab of ["fish", "PowerShell", "~/.aws/credentials", "credential_process", ".env"])
      await expect(dialog.getByRole("tab", { name: tab })).toBeVisible();

    await dialog.getByRole("tab", { name: "bash / zsh" }).click();
    await dialog.getByRole("button", { name: "Copy bash / zsh" }).click();
    const bashBlock = await page.evaluate(() => navigator.clipboard.readText());
    expect(bashBlock).toMatch(/^ export AWS_ACCESS_KEY_ID='ASIA/);

    // Paste into a real bash and call GetCallerIdentity, SigV4-signed by curl, on the emulator.
    const script = `${bashBlock}\ncurl -sS --aws-sigv4 "aws:amz:us-east-1:sts" --user "$AWS_ACCESS_KEY_ID:$AWS_SECRET_ACCESS_KEY" -H "x-amz-security-token: $AWS_SESSION_TOKEN" -d "Action=GetCallerIdentity&Version=2011-06-15" ${emulatorUrl}/`;
    const identity = execFileSync("bash", ["-c", script], { encoding: "utf8" });
    expect(identity).toContain("<Arn>arn:aws:sts::111111111111:assumed-role/Developer/alice@example.com</Arn>");
  });

  // staging/Admin: alice's groups reach it neither standing nor eligible (production/Admin she may request).
  test("alice cannot reach a role she is not entitled to by tampering: 403 and no STS call", async ({ page }) => {
    await signInWithOidc(page, "alice@example.com", "alice");
    await expect(page.getByTestId("role-row").first()).toBeVisible();
    const before = (await emulatorRequests()).filter((r) => r.action === "AssumeRoleWithSAML").length;

    const body = await page.request.post("/api/credentials", {
      data: { accountId: "222222222222", roleName: "Admin" },
    });
    expect(body.status()).toBe(403);
    expect(body.headers()["cache-control"]).toContain("no-store");
    expect((await body.json()).error.code).toBe("forbidden");

    // Not a click on Airlock's page: sent to the /go confirmation, which refuses with a 403.
    const query = await page.request.get("/api/console?accountId=222222222222&roleName=Admin", { maxRedirects: 0 });
    expect(query.status()).toBe(303);
    expect(query.headers().location).toBe("/go?account=222222222222&role=Admin");

    expect((await page.goto("/go?account=staging&role=Admin"))?.status()).toBe(403);
    await expect(page.getByText("403 · Not entitled")).toBeVisible();
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("You cannot open Admin in staging");
    await expect(page.getByRole("main").getByRole("alert")).toContainText(
      "Ask the platform team (platform@example.com) to map one of your groups to it",
    );

    expect((await emulatorRequests()).filter((r) => r.action === "AssumeRoleWithSAML").length).toBe(before);
    const noSession = await fetch(`${new URL(page.url()).origin}/api/credentials`, { method: "POST", body: "{}" });
    expect(noSession.status).toBe(401);
  });

  test("favorites and recently used survive a new sign-in", async ({ page }) => {
    await signInWithOidc(page, "alice@example.com", "alice");
    expect(
      (
        await page.request.post("/api/credentials", { data: { accountId: "111111111111", roleName: "Developer" } })
      ).status(),
    ).toBe(200);
    // From the full list: earlier specs may have put production ReadOnly among her recents too.
    await page
      .getByRole("grid", { name: "All accounts" })
      .getByRole("button", { name: "Pin production ReadOnly" })
      .click();
    await expect(page.getByRole("region", { name: "Favorites" })).toContainText("production");
    await page.getByRole("button", { name: "Sign out" }).click();
    await expect(page).toHaveURL(/\/signin/);
    // Forget the IdP's own session too, so this is a full new sign-in.
    await page.context().clearCookies();

    await signInWithOidc(page, "alice@example.com", "alice");
    await expect(page.getByRole("region", { name: "Favorites" }).getByTestId("role-row")).toHaveCount(1);
    await expect(page.getByRole("region", { name: "Favorites" })).toContainText("ReadOnly");
    await expect(page.getByRole("region", { name: "Recently used" })).toContainText("sandbox");
    await page.getByRole("button", { name: "Unpin production ReadOnly" }).first().click();
    await expect(page.getByRole("region", { name: "Favorites" })).toHaveCount(0);
  });

  // Speed is measured by `npm run bench` on a quiet machine; here the timings are only annotations,
  // since a busy CI machine stretches them many times over.
  test("a user entitled to 2,000 roles in 300 accounts gets a short first list and filtering", async ({ page }) => {
    runOnPortalDatabase("scripts/seed-large.ts");
    await signInWithOidc(page, "dave@example.com", "dave");
    await expect(page.getByRole("region", { name: "All accounts" })).toBeVisible();
    const timing = await page.evaluate(() => {
      const nav = performance.getEntriesByType("navigation")[0] as PerformanceNavigationTiming;
      return {
        serverMs: nav.responseStart - nav.requestStart,
        domContentLoadedMs: nav.domContentLoadedEventEnd - nav.startTime,
      };
    });
    await expect(page.getByRole("button", { name: "Show all 2000 roles" })).toBeVisible();

    const search = page.getByLabel("Search accounts and roles");
    const started = Date.now();
    await search.fill("acct-0123");
    await expect(page.getByRole("heading", { name: /^\d+ matching roles?$/ })).toHaveText("7 matching roles");
    const filterMs = Date.now() - started;
    test
      .info()
      .annotations.push(
        { type: "server render (ms)", description: String(Math.round(timing.serverMs)) },
        { type: "filter (ms)", description: String(filterMs) },
      );
    console.log(
      `2,000 roles: server render ${Math.round(timing.serverMs)} ms, DOMContentLoaded ${Math.round(timing.domContentLoadedMs)} ms, filter to 7 rows ${filterMs} ms`,
    );
  });
});
