import { expect, test, type Page } from "@playwright/test";
import { ADMIN_SECRET_ACCESS_KEY, adminAccessKeyIdFor } from "@/dev/aws-emulator/caller";
import { createAwsCli, type AwsKeys } from "@/tests/support/aws-cli";
import { emulatorUrl, signInWithOidc } from "./helpers";

/** CLI credentials for sandbox/Developer, as the portal's API issues them to the signed-in page. */
async function issueDeveloper(page: Page): Promise<AwsKeys> {
  const response = await page.request.post("/api/credentials", {
    data: { accountId: "111111111111", roleName: "Developer" },
  });
  expect(response.status()).toBe(200);
  return (await response.json()) as AwsKeys;
}

test("bob revokes alice: her open tab is signed out, and the generated deny stops her earlier credentials but not bob's", async ({
  page,
  browser,
}) => {
  test.setTimeout(180_000);
  const aliceContext = await browser.newContext();
  const alice = await aliceContext.newPage();
  await signInWithOidc(alice, "alice@example.com", "alice");
  const aliceKeys = await issueDeveloper(alice);
  await signInWithOidc(page, "bob@example.com", "bob");
  const bobKeys = await issueDeveloper(page);

  await page.goto("/admin/people?q=alice");
  await page.getByRole("link", { name: "Alice Example (alice@example.com)" }).click();
  await expect(page.getByRole("table", { name: "Live AWS sessions" })).toContainText(aliceKeys.accessKeyId);
  const revoke = page.getByRole("region", { name: "Revoke access" });
  await revoke.getByLabel("Reason").fill("Left the company");
  await revoke.getByRole("button", { name: "Revoke access for alice@example.com" }).click();
  await page
    .getByRole("dialog", { name: "Revoke access for alice@example.com?" })
    .getByRole("button", { name: "Revoke access" })
    .click();
  await expect(revoke.getByRole("status")).toContainText("Access revoked for alice@example.com");

  // Her open portal tab: the next request finds the session ended and asks her to sign in.
  await alice.reload();
  await expect(alice.getByRole("button", { name: /Sign in with/ }).first()).toBeVisible();
  expect(new URL(alice.url()).pathname).toBe("/signin");
  await aliceContext.close();

  // The AWS side, as the admin would run it: the emulator's admin key for the account.
  await page.reload();
  const deny = page.getByRole("region", { name: "Deny their live AWS credentials" });
  const [put, remove] = await deny.locator("pre").allTextContents();
  const aws = createAwsCli(emulatorUrl);
  // As the scripts' comments say: each account's block with an administrator's key for that account
  // (earlier specs may have left alice live credentials in other accounts too).
  const runPerAccount = async (script: string) => {
    const [header, ...blocks] = script.trimEnd().split("\n\n");
    expect(blocks.some((block) => block.includes("a profile for 111111111111"))).toBe(true);
    for (const block of blocks) {
      const accountId = /a profile for (\d{12})/.exec(block)![1];
      const admin = { accessKeyId: adminAccessKeyIdFor(accountId), secretAccessKey: ADMIN_SECRET_ACCESS_KEY };
      const run = await aws.runScript(`${header}\n${block}`, admin);
      expect(run.code, run.stderr).toBe(0);
    }
  };
  const getRole = (keys: AwsKeys) => aws.cli(keys, "iam", "get-role", "--role-name", "Developer");
  try {
    await runPerAccount(put);
    const refused = await getRole(aliceKeys);
    expect(refused.code).not.toBe(0);
    expect(refused.stderr).toContain("AccessDenied");
    expect(refused.stderr).toContain("with an explicit deny in an identity-based policy");
    const allowed = await getRole(bobKeys);
    expect(allowed.stderr).toBe("");
    expect(JSON.parse(allowed.stdout).Role.RoleName).toBe("Developer");
  } finally {
    // The generated delete lifts the deny again (and leaves the demo as it was for later tests).
    await runPerAccount(remove);
    aws.cleanup();
  }
  expect((await getRole(aliceKeys)).code).toBe(0);
});
