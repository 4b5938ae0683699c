import AxeBuilder from "@axe-core/playwright";
import { expect as baseExpect, test, type Browser, type Page } from "@playwright/test";
import { emulatorRequests, signInWithOidc } from "./helpers";

// A role's guardrails end to end: an admin sets "reason required" (and a default and limit) on
// production/ReadOnly in the admin UI; alice then opens its console giving a reason, lands as that
// role with the reason as a session tag, and gets CLI credentials only with a reason, within the limit.

const expect = baseExpect.configure({ timeout: 15_000 });
test.describe.configure({ timeout: 120_000 });

async function asBob(browser: Browser, work: (page: Page) => Promise<void>) {
  const context = await browser.newContext();
  const page = await context.newPage();
  await signInWithOidc(page, "bob@example.com", "bob");
  await page.goto("/admin/accounts/333333333333");
  await work(page);
  await context.close();
}

async function editReadOnly(page: Page, fields: { reason: boolean; limit: string; fallback: string }) {
  const card = page.getByRole("listitem", { name: "Role ReadOnly" });
  await card.getByText("Edit ReadOnly").click();
  await card.getByLabel("Require a reason").setChecked(fields.reason);
  await card.getByLabel("Session limit (hours, optional)").fill(fields.limit);
  await card.getByLabel("Default session (hours, optional)").fill(fields.fallback);
  await card.getByRole("button", { name: "Save ReadOnly" }).click();
  await expect(card.getByRole("status")).toHaveText("Role saved.");
  return card;
}

/** No serious or critical axe violation on `page` as it stands. */
async function expectAccessible(page: Page): Promise<void> {
  const results = await new AxeBuilder({ page }).analyze();
  const serious = results.violations
    .filter((v) => v.impact === "serious" || v.impact === "critical")
    .map((v) => ({ id: v.id, targets: v.nodes.map((n) => n.target.join(" ")) }));
  expect(serious).toEqual([]);
  expect(results.passes.length).toBeGreaterThan(10);
}

test.afterAll(async ({ browser }) => {
  // Other specs expect production/ReadOnly without guardrails.
  await asBob(browser, async (page) => void (await editReadOnly(page, { reason: false, limit: "", fallback: "" })));
});

test("bob requires a reason for production/ReadOnly; alice opens its console with one and lands as that role", async ({
  browser,
  page,
  context,
}) => {
  await asBob(browser, async (admin) => {
    // A default longer than the limit is refused beside its field, in words.
    const refused = admin.getByRole("listitem", { name: "Role ReadOnly" });
    await refused.getByText("Edit ReadOnly").click();
    await refused.getByLabel("Session limit (hours, optional)").fill("2");
    await refused.getByLabel("Default session (hours, optional)").fill("3");
    await refused.getByRole("button", { name: "Save ReadOnly" }).click();
    await expect(refused.getByLabel("Default session (hours, optional)")).toHaveAccessibleDescription(
      /The default session cannot be longer than the session limit/,
    );
    await admin.reload();
    const card = await editReadOnly(admin, { reason: true, limit: "2", fallback: "0.5" });
    await expect(card).toContainText("Airlock limit 2 h · default 30 min · reason required");
    // Effective access shows what engineering gets on it: 2 h at most, 30 min by default, a reason,
    // and the role's own permissions (it is not read-only first).
    await admin.goto("/admin/access?q=engineering");
    const readOnly = admin.getByRole("row").filter({ hasText: "production" }).filter({ hasText: "ReadOnly" });
    await expect(readOnly.getByRole("cell")).toHaveText([
      "production 333333333333",
      "ReadOnly",
      "standing",
      "engineering",
      "2 h",
      "30 min",
      "required",
      "as the role",
      "none",
    ]);
  });

  await signInWithOidc(page, "alice@example.com", "alice");
  await page.getByLabel("Search accounts and roles").fill("production");
  const row = page.getByTestId("role-row").filter({ hasText: "ReadOnly" });
  await expect(row).toContainText("up to 2 h");
  await expect(row).toContainText("reason required");

  // The console link leads to Airlock's page asking for the reason, in a labelled required field.
  const [confirm] = await Promise.all([
    context.waitForEvent("page"),
    row.getByRole("link", { name: "Open console for production ReadOnly" }).click(),
  ]);
  await expect(confirm.getByRole("heading", { name: "Open the AWS console?" })).toBeVisible();
  const reason = confirm.getByRole("textbox", { name: "Reason (required for this role)" });
  await expect(reason).toHaveAttribute("required", "");
  await expect(reason).toHaveAccessibleDescription(/session tag AirlockReason/);
  await expectAccessible(confirm);
  // Blanks are no reason: Airlock refuses before AWS is asked, says why, and marks the field.
  const before = (await emulatorRequests()).filter((r) => r.action === "AssumeRoleWithSAML").length;
  await reason.fill("   ");
  await confirm.getByRole("button", { name: "Open production as ReadOnly" }).click();
  await expect(confirm.getByRole("alert").filter({ hasText: "requires a reason" })).toHaveText(
    "production / ReadOnly requires a reason for every session. Say why you need it (for example a ticket reference) and try again.",
  );
  await expect(reason).toHaveAttribute("aria-invalid", "true");
  expect((await emulatorRequests()).filter((r) => r.action === "AssumeRoleWithSAML")).toHaveLength(before);
  await reason.fill("INC-42: check the payment queue");
  await confirm.getByRole("button", { name: "Open production as ReadOnly" }).click();
  await expect(confirm.getByTestId("assumed-role-arn")).toHaveText(
    "arn:aws:sts::333333333333:assumed-role/ReadOnly/alice@example.com",
  );
  await expect(confirm.getByTestId("session-tags")).toContainText("AirlockReason=INC-42: check the payment queue");
  const assumed = (await emulatorRequests()).filter((r) => r.action === "AssumeRoleWithSAML").at(-1) as {
    sessionTags?: Record<string, string>;
    durationSeconds?: number;
  };
  expect(assumed.sessionTags?.AirlockReason).toBe("INC-42: check the payment queue");
  expect(assumed.durationSeconds).toBe(1800);
  await confirm.close();

  // CLI credentials: the picker starts at the role's default and stops at its limit; no reason, no button.
  await row.getByRole("button", { name: "CLI credentials for production ReadOnly" }).click();
  const dialog = page.getByRole("dialog", { name: /CLI credentials · production \/ ReadOnly/ });
  const lengths = dialog.getByRole("group", { name: "Session length" }).getByRole("radio");
  await expect(lengths).toHaveCount(3);
  await expect(dialog.getByRole("radio", { name: "30 min" })).toBeChecked();
  await expect(dialog.getByRole("radio", { name: "2 h" })).toBeVisible();
  await expect(dialog.getByRole("radio", { name: "4 h" })).toHaveCount(0);
  const get = dialog.getByRole("button", { name: "Get credentials" });
  await expect(get).toBeDisabled();
  await expectAccessible(page);
  await dialog.getByRole("textbox", { name: "Reason (required for this role)" }).fill("INC-43: read logs");
  await get.click();
  await expect(dialog.getByTestId("countdown")).toHaveText(/^(29:\d\d|30:00) left$/);
});

test("bob makes sandbox/Developer read-only first; alice gets read-only credentials, and write only when she asks", async ({
  browser,
  page,
  context,
}) => {
  const setReadOnlyFirst = (on: boolean) =>
    asBob(browser, async (admin) => {
      await admin.goto("/admin/accounts/111111111111");
      const card = admin.getByRole("listitem", { name: "Role Developer" });
      await card.getByText("Edit Developer").click();
      await card.getByLabel("Read-only first").setChecked(on);
      await card.getByRole("button", { name: "Save Developer" }).click();
      await expect(card.getByRole("status")).toHaveText("Role saved.");
      if (on) await expect(card).toContainText("read-only first");
    });
  await setReadOnlyFirst(true);
  try {
    await signInWithOidc(page, "alice@example.com", "alice");
    await page.getByLabel("Search accounts and roles").fill("sandbox");
    const row = page.getByTestId("role-row").filter({ hasText: "Developer" });
    await expect(row).toContainText("read-only first");
    const assumeCalls = async () =>
      (await emulatorRequests()).filter((r) => r.action === "AssumeRoleWithSAML") as { policyArns?: string[] }[];

    // CLI credentials are read-only unless "Write access" is ticked; the dialog says which policy limits them.
    await row.getByRole("button", { name: "CLI credentials for sandbox Developer" }).click();
    const dialog = page.getByRole("dialog", { name: /CLI credentials · sandbox \/ Developer/ });
    const write = dialog.getByRole("checkbox", { name: "Write access" });
    await expect(write).not.toBeChecked();
    await expect(write).toHaveAccessibleDescription(/the audit log records that you did/);
    await expectAccessible(page);
    await dialog.getByRole("button", { name: "Get credentials" }).click();
    await expect(dialog.getByTestId("session-policy")).toHaveText(
      "Read-only: AWS limits these credentials to the session policy arn:aws:iam::aws:policy/ReadOnlyAccess.",
    );
    expect((await assumeCalls()).at(-1)?.policyArns).toEqual(["arn:aws:iam::aws:policy/ReadOnlyAccess"]);
    await dialog.getByRole("button", { name: "Close" }).click();

    // The console with write access is confirmed on Airlock's page, then opens without the policy.
    const [confirm] = await Promise.all([
      context.waitForEvent("page"),
      row.getByRole("link", { name: "Console with write access for sandbox Developer" }).click(),
    ]);
    await expect(confirm.getByRole("heading", { name: "Open the AWS console?" })).toBeVisible();
    await expect(confirm.getByRole("checkbox", { name: "Write access" })).toBeChecked();
    await expectAccessible(confirm);
    await confirm.getByRole("button", { name: "Open sandbox as Developer" }).click();
    await expect(confirm.getByTestId("assumed-role-arn")).toHaveText(
      "arn:aws:sts::111111111111:assumed-role/Developer/alice@example.com",
    );
    expect((await assumeCalls()).at(-1)?.policyArns).toEqual([]);
  } finally {
    await setReadOnlyFirst(false);
  }
});
