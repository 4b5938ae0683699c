import { expect as baseExpect, test } from "@playwright/test";
import { signInWithOidc } from "./helpers";
import { viewports } from "./viewports";

// Sign-ins and server round trips on a shared, busy machine.
const expect = baseExpect.configure({ timeout: 15_000 });

test.describe.configure({ timeout: 90_000 });

for (const { name, viewport } of viewports) {
  test.describe(`admin forms (${name})`, () => {
    test.use({ viewport });

    test("a refused field is marked beside itself, in words, not by its code name under the button", async ({
      page,
    }) => {
      await signInWithOidc(page, "bob@example.com", "bob");
      await page.goto("/admin/accounts");
      const form = page.getByRole("region", { name: "Add an account" });
      await form.getByLabel("Account id").fill("12345");
      await form.getByLabel("Name").fill(`short-${name}`);
      await form.getByLabel("Environment").fill("dev");
      await form.getByRole("button", { name: "Create account" }).click();
      const id = form.getByLabel("Account id");
      await expect(id).toHaveAttribute("aria-invalid", "true");
      await expect(id).toHaveAccessibleDescription(/An AWS account id is exactly 12 digits/);
      await expect(id).toBeFocused();
      await expect(form.getByRole("alert")).toHaveText("Check the marked field.");
      await expect(form).not.toContainText("id:");
      await expect(form.getByLabel("Name")).not.toHaveAttribute("aria-invalid");
    });

    test("deleting a role asks first, and its outcome replaces the earlier 'created' message", async ({ page }) => {
      const role = `Analyst${name}`;
      await signInWithOidc(page, "bob@example.com", "bob");
      await page.goto("/admin/accounts/111111111111");
      const newRole = page.getByRole("region", { name: "Add a role" });
      await newRole.getByLabel("Role name").fill(role);
      await newRole.getByLabel("Max session (hours)").fill("2");
      await newRole.getByRole("button", { name: "Create role" }).click();
      await expect(newRole.getByRole("status")).toHaveText(`Role ${role} created.`);
      const card = page.getByRole("listitem", { name: `Role ${role}` });
      await expect(card).toContainText("up to 2 h");

      // One click does not delete: a dialog asks, and Cancel keeps the role.
      await card.getByRole("button", { name: `Delete role ${role}` }).click();
      const dialog = page.getByRole("dialog", { name: `Delete role ${role}?` });
      await expect(dialog).toBeVisible();
      await dialog.getByRole("button", { name: "Cancel" }).click();
      await expect(dialog).toBeHidden();
      await expect(card).toBeVisible();

      await card.getByRole("button", { name: `Delete role ${role}` }).click();
      await dialog.getByRole("button", { name: `Delete ${role}` }).click();
      await expect(card).toHaveCount(0);
      await expect(page.getByRole("status", { name: "Last change" })).toHaveText(`Role ${role} deleted.`);
      await expect(page.getByText(`Role ${role} created.`)).toHaveCount(0);
    });

    test("unmapping a group asks first; destructive buttons are secondary in weight", async ({ page }) => {
      await signInWithOidc(page, "bob@example.com", "bob");
      await page.goto("/admin/accounts/111111111111");
      const card = page.getByRole("listitem", { name: "Role ReadOnly" });
      const group = `e2e-${name}`;
      await card.getByLabel("Group").fill(group);
      await card.getByRole("button", { name: "Map group to ReadOnly" }).click();
      const unmap = card.getByRole("button", { name: `Unmap ${group} from ReadOnly` });
      await expect(unmap).toBeVisible();
      // Outlined, not a solid red block.
      expect(await unmap.evaluate((b) => getComputedStyle(b).backgroundColor)).toBe("rgb(255, 255, 255)");

      await unmap.click();
      const dialog = page.getByRole("dialog", { name: `Unmap ${group} from ReadOnly?` });
      await expect(dialog).toContainText("Members of");
      await dialog.getByRole("button", { name: "Cancel" }).click();
      await expect(unmap).toBeVisible();
      await unmap.click();
      await dialog.getByRole("button", { name: `Unmap ${group}` }).click();
      await expect(unmap).toHaveCount(0);
      await expect(page.getByRole("status", { name: "Last change" })).toHaveText(`${group} unmapped from ReadOnly.`);
    });

    test("alice gets a 403 with the header and no setting names", async ({ page }) => {
      await signInWithOidc(page, "alice@example.com", "alice");
      const response = await page.goto("/admin/people");
      expect(response?.status()).toBe(403);
      await expect(page.getByRole("banner")).toBeVisible();
      await expect(page.getByRole("banner").getByRole("link", { name: "Airlock" })).toBeVisible();
      await expect(page.getByRole("main")).toContainText("ask an Airlock administrator");
      await expect(page.locator("body")).not.toContainText("AIRLOCK_");
      await expect(page.getByRole("link", { name: "Back to your accounts" })).toBeVisible();
    });

    test("effective access in hours; a group in the wrong case is explained", async ({ page }) => {
      await signInWithOidc(page, "bob@example.com", "bob");
      await page.goto("/admin/access?q=engineering");
      // The roles reached (the roles engineering may request are in a table of their own).
      const table = page.getByRole("table").first();
      await expect(table).toContainText("8 h");
      await expect(table).toContainText("12 h");
      await expect(table).not.toContainText(/\d s\b/);
      await page.goto("/admin/access?q=Engineering");
      await expect(page.getByRole("status")).toContainText(
        "Group names are case-sensitive: roles are mapped to engineering.",
      );
    });
  });
}
