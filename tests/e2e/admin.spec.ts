import { expect, test } from "@playwright/test";
import { signInWithOidc } from "./helpers";

test("bob maps a new sandbox role to engineering, alice sees it at her next page load, then loses it, and the audit log shows both", async ({
  page,
  browser,
}) => {
  // Two people, two sign-ins and a dozen admin round trips: on a busy 2-core machine this takes
  // longer than the default 30 s.
  test.slow();
  await signInWithOidc(page, "bob@example.com", "bob");
  await page.getByRole("navigation", { name: "Account" }).getByRole("link", { name: "Admin" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "AWS accounts" })).toBeVisible();
  // A click while the page is still hydrating can be lost; retry until the account page is open.
  const accountHeading = page.getByRole("heading", { level: 1, name: /111111111111/ });
  await expect(async () => {
    if (!(await accountHeading.isVisible())) await page.getByRole("link", { name: "sandbox" }).click({ timeout: 2000 });
    await expect(accountHeading).toBeVisible({ timeout: 3000 });
  }).toPass();

  const newRole = page.getByRole("region", { name: "Add a role" });
  await newRole.getByLabel("Role name").fill("DataPlatform");
  await newRole.getByLabel("Max session (hours)").fill("2");
  await newRole.getByLabel("Description").fill("Data platform engineers");
  await newRole.getByRole("button", { name: "Create role" }).click();
  await expect(newRole.getByRole("status")).toHaveText("Role DataPlatform created.");

  const role = page.getByRole("listitem", { name: "Role DataPlatform" });
  await role.getByText("Edit DataPlatform").click();
  await role.getByLabel("Max session (hours)").fill("4");
  await role.getByRole("button", { name: "Save DataPlatform" }).click();
  await expect(role.getByRole("status")).toHaveText("Role saved.");
  await expect(role).toContainText("up to 4 h");
  await role.getByLabel("Group").fill("engineering");
  await role.getByRole("button", { name: "Map group to DataPlatform" }).click();
  await expect(role.getByRole("button", { name: "Unmap engineering from DataPlatform" })).toBeVisible();

  const aliceContext = await browser.newContext();
  const alice = await aliceContext.newPage();
  await signInWithOidc(alice, "alice@example.com", "alice");
  await expect(alice.getByTestId("role-row")).toHaveCount(4);
  await expect(alice.getByTestId("role-row").filter({ hasText: "DataPlatform" })).toContainText(
    "Data platform engineers",
  );

  await role.getByRole("button", { name: "Unmap engineering from DataPlatform" }).click();
  await page.getByRole("dialog").getByRole("button", { name: "Unmap engineering" }).click();
  await expect(role.getByText("No group reaches this role.")).toBeVisible();
  await alice.reload();
  await expect(alice.getByTestId("role-row")).toHaveCount(3);
  await expect(alice.getByText("DataPlatform")).toHaveCount(0);
  await aliceContext.close();

  await page.goto("/admin/audit?roleName=DataPlatform&action=admin.mapping");
  const rows = page.getByTestId("audit-row");
  await expect(rows).toHaveCount(2);
  await expect(rows.nth(0)).toContainText("bob unmapped engineering from sandbox/DataPlatform");
  await expect(rows.nth(0)).toContainText("admin.mapping.delete");
  await expect(rows.nth(1)).toContainText("bob mapped engineering → sandbox/DataPlatform");
  await expect(rows.nth(1)).toContainText("admin.mapping.create");
  await expect(rows.nth(0)).toContainText("bob@example.com");

  const csv = await page.request.get("/admin/audit/export?format=csv&roleName=DataPlatform");
  expect(csv.headers()["content-type"]).toContain("text/csv");
  expect((await csv.text()).split("\r\n")[0]).toBe(
    "createdAt,action,outcome,reason,actor,accountId,roleName,accessKeyId,clientIp,userAgent,details",
  );
});

test("alice, not an admin, gets 403 from every admin page and endpoint", async ({ page }) => {
  // Eight pages and three downloads: longer than the default 30 s on a busy machine.
  test.slow();
  await signInWithOidc(page, "alice@example.com", "alice");
  await expect(page.getByRole("navigation", { name: "Account" }).getByRole("link", { name: "Admin" })).toHaveCount(0);
  for (const path of [
    "/admin",
    "/admin/accounts",
    "/admin/accounts/111111111111",
    "/admin/accounts/111111111111/delete",
    "/admin/access",
    "/admin/config",
    "/admin/audit",
    "/admin/aws-setup",
  ]) {
    const response = await page.goto(path);
    expect(response?.status(), path).toBe(403);
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("Only Airlock administrators can open this page");
  }
  for (const path of [
    "/admin/config/export",
    "/admin/audit/export?format=json",
    "/admin/aws-setup/111111111111?format=cloudformation",
  ]) {
    const response = await page.request.get(path);
    expect(response.status(), path).toBe(403);
    expect((await response.json()).error.code).toBe("forbidden");
  }
});

test("an admin gets clear refusals from the database's constraints, and downloads the CloudFormation template and config export", async ({
  page,
}) => {
  test.slow();
  await signInWithOidc(page, "bob@example.com", "bob");
  await page.goto("/admin/accounts");
  const form = page.getByRole("region", { name: "Add an account" });
  await form.getByLabel("Account id").fill("111111111111");
  await form.getByLabel("Name").fill("sandbox-copy");
  await form.getByLabel("Environment").fill("dev");
  await form.getByRole("button", { name: "Create account" }).click();
  await expect(form.getByRole("alert")).toHaveText(
    'An account with id 111111111111 or name "sandbox-copy" already exists.',
  );
  await form.getByLabel("Account id").fill("12345");
  await form.getByRole("button", { name: "Create account" }).click();
  await expect(form.getByRole("alert")).toHaveText("Check the marked field.");
  await expect(form.getByLabel("Account id")).toHaveAccessibleDescription(
    "12 digits An AWS account id is exactly 12 digits, for example 123456789012.",
  );

  const template = await page.request.get("/admin/aws-setup/111111111111?format=cloudformation");
  expect(template.status()).toBe(200);
  const text = await template.text();
  expect(text).toContain("AWS::IAM::SAMLProvider");
  expect(text).toContain("sts:AssumeRoleWithSAML");
  const exported = await page.request.get("/admin/config/export");
  expect(await exported.text()).toContain('id: "111111111111"');
});
