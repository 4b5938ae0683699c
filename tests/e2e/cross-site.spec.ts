import { createServer, type Server } from "node:http";
import { expect, test, type Page } from "@playwright/test";
import { emulatorRequests, signInWithOidc } from "./helpers";

// Another site, on a port of its own: as 127.0.0.1 it is cross-site to Airlock (localhost), as
// localhost it is same-site but cross-origin, so the SameSite=Lax session cookie rides along on its
// POSTs too (a sibling app on the company's domain).
const port = Number(process.env.E2E_PORT ?? 3100);
const airlock = `http://localhost:${port}`;
const attackerPort = port + 4;
const crossSite = `http://127.0.0.1:${attackerPort}`;
const sameSite = `http://localhost:${attackerPort}`;
// Bob, an SRE: the production Admin role is the prize. (Alice's home page belongs to portal.spec.ts.)
const production = "account=production&role=Admin&region=eu-west-1&destination=s3";
const pages: Record<string, string> = {
  "/link": `<a href="${airlock}/go?${production}">Open production</a>`,
  "/auto-go": `<script>location.href = ${JSON.stringify(`${airlock}/go?${production}`)};</script>`,
  "/auto-console": `<script>location.href = ${JSON.stringify(`${airlock}/api/console?accountId=333333333333&roleName=Admin`)};</script>`,
  "/credentials": `<form method="post" enctype="text/plain" action="${airlock}/api/credentials">
    <input type="hidden" name='{"accountId":"111111111111","roleName":"Developer","x":"' value='"}'>
    </form><script>document.forms[0].submit();</script>`,
};

let attacker: Server;
test.beforeAll(async () => {
  attacker = createServer((req, res) => {
    const body = pages[new URL(req.url ?? "/", crossSite).pathname];
    res.writeHead(body ? 200 : 404, { "content-type": "text/html" }).end(body ?? "not found");
  });
  await new Promise<void>((resolve) => attacker.listen(attackerPort, "127.0.0.1", resolve));
});
test.afterAll(() => new Promise<void>((resolve) => attacker.close(() => resolve())));

async function assumeRoleCalls(): Promise<number> {
  return (await emulatorRequests()).filter((r) => r.action === "AssumeRoleWithSAML").length;
}

async function expectConfirmation(page: Page): Promise<void> {
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Open the AWS console?");
  await expect(page.getByTestId("confirm-account")).toHaveText("production 333333333333");
  await expect(page.getByText("prod", { exact: true })).toBeVisible();
  await expect(page.getByTestId("confirm-role")).toHaveText("Admin");
}

test.describe("another site cannot make Airlock issue AWS access", () => {
  test("a link from another site shows a confirmation first; one click on it opens the console", async ({ page }) => {
    await signInWithOidc(page, "bob@example.com", "bob");
    const before = await assumeRoleCalls();

    await page.goto(`${crossSite}/link`);
    await page.getByRole("link", { name: "Open production" }).click();
    await expectConfirmation(page);
    await expect(page.getByTestId("confirm-destination")).toHaveText("s3");
    expect(await assumeRoleCalls()).toBe(before);

    await page.getByRole("button", { name: "Open production as Admin" }).click();
    await expect(page.getByTestId("assumed-role-arn")).toHaveText(
      "arn:aws:sts::333333333333:assumed-role/Admin/bob@example.com",
    );
    await expect(page.getByTestId("destination")).toHaveText(
      "https://eu-west-1.console.aws.amazon.com/s3/home?region=eu-west-1",
    );
    expect(await assumeRoleCalls()).toBe(before + 1);
  });

  test("scripted navigations to /go and /api/console, and a forged confirmation POST, issue nothing", async ({
    page,
  }) => {
    test.slow(); // three attacks in one signed-in session: more navigations than most tests
    await signInWithOidc(page, "bob@example.com", "bob");
    const before = await assumeRoleCalls();

    await page.goto(`${crossSite}/auto-go`);
    await expectConfirmation(page);
    await page.goto(`${crossSite}/auto-console`);
    await expect(page).toHaveURL(`${airlock}/go?account=333333333333&role=Admin`);
    await expectConfirmation(page);

    // Replay Airlock's own confirmation form from another origin of the same site.
    const form = await page
      .getByRole("main")
      .locator("form")
      .evaluate((f) => f.outerHTML);
    pages["/replay"] = `${form.replace(/action="[^"]*"/, "")}<script>
      document.forms[0].action = ${JSON.stringify(page.url())};
      document.forms[0].submit();</script>`;
    const refused = page.waitForResponse((r) => r.url().startsWith(airlock) && r.request().method() === "POST");
    await page.goto(`${sameSite}/replay`);
    expect((await refused).status()).toBeGreaterThanOrEqual(400);
    expect(await assumeRoleCalls()).toBe(before);
  });

  test("a text/plain POST to /api/credentials from another origin is refused", async ({ page }) => {
    await signInWithOidc(page, "bob@example.com", "bob");
    const before = await assumeRoleCalls();
    const answer = page.waitForResponse(`${airlock}/api/credentials`);
    await page.goto(`${sameSite}/credentials`);
    expect((await answer).status()).toBe(403);
    await expect(page.locator("body")).toContainText("Requests from other sites are refused");
    expect(await assumeRoleCalls()).toBe(before);
  });

  test("a destination that carries a URL is refused with the rule, before any STS call", async ({ page }) => {
    await signInWithOidc(page, "bob@example.com", "bob");
    const before = await assumeRoleCalls();
    const quickCreate = "cloudformation/home#/stacks/quickcreate?templateURL=https://evil.example/t.yaml&stackName=x";
    await page.goto(`/go?account=production&role=Admin&destination=${encodeURIComponent(quickCreate)}`);
    await expect(page.getByRole("main").getByRole("alert")).toContainText(
      "no parameter that takes a URL, such as templateURL",
    );
    const direct = await page.request.get(
      `/api/console?accountId=333333333333&roleName=Admin&destination=${encodeURIComponent(quickCreate)}`,
      { headers: { "sec-fetch-site": "same-origin", "sec-fetch-user": "?1" }, maxRedirects: 0 },
    );
    expect(direct.status()).toBe(400);
    expect(await assumeRoleCalls()).toBe(before);
  });
});
