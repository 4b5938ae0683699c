import { inflateRawSync } from "node:zlib";
import { expect as baseExpect, test, type Browser, type Page } from "@playwright/test";
import { emulatorRequests, runOnPortalDatabase, signInWithOidc } from "./helpers";

// The step-up guardrail end to end, with each demo IdP: bob gives production/ReadOnly a step-up of
// 10 minutes in the admin UI; alice's last sign-in at her IdP is then older than that (moved back,
// as if the time had passed), so Airlock sends her through the IdP again, which asks for her
// password although its own session is alive (OIDC prompt=login with max_age=0, SAML ForceAuthn),
// and only then issues the role. AWS is not asked before.

const expect = baseExpect.configure({ timeout: 30_000 });
test.describe.configure({ timeout: 180_000 });

async function setStepUp(browser: Browser, minutes: string) {
  const context = await browser.newContext();
  const admin = await context.newPage();
  await signInWithOidc(admin, "bob@example.com", "bob");
  await admin.goto("/admin/accounts/333333333333");
  const card = admin.getByRole("listitem", { name: "Role ReadOnly" });
  await card.getByText("Edit ReadOnly").click();
  await card.getByLabel("Step-up (minutes, optional)").fill(minutes);
  await card.getByRole("button", { name: "Save ReadOnly" }).click();
  await expect(card.getByRole("status")).toHaveText("Role saved.");
  if (minutes) {
    await expect(card).toContainText("step-up 10 min");
    await admin.goto("/admin/access?q=engineering");
    const row = admin.getByRole("row").filter({ hasText: "production" }).filter({ hasText: "ReadOnly" });
    await expect(row.getByRole("cell").last()).toHaveText("sign-in within 10 min");
  }
  await context.close();
}

/** Moves alice's last IdP authentication `minutes` back, as if she had signed in that long ago. */
function ageAlicesSignIn(minutes: number) {
  runOnPortalDatabase("tests/support/age-idp-authentication.ts", "alice@example.com", String(minutes));
}

const assumeCount = async () => (await emulatorRequests()).filter((r) => r.action === "AssumeRoleWithSAML").length;

async function signInAgainAt(page: Page, idpTitle: string) {
  await expect(page.getByRole("heading", { name: idpTitle })).toBeVisible();
  await page.getByLabel("Email").fill("alice@example.com");
  await page.getByLabel("Password").fill("alice");
  await page.getByRole("button", { name: "Sign in" }).click();
}

test.beforeAll(async ({ browser }) => setStepUp(browser, "10"));
test.afterAll(async ({ browser }) => setStepUp(browser, ""));

test("oidc: CLI credentials for a step-up role send alice through the IdP's login form again first", async ({
  page,
}) => {
  await signInWithOidc(page, "alice@example.com", "alice");
  ageAlicesSignIn(30);
  const before = await assumeCount();

  await page.getByLabel("Search accounts and roles").fill("production");
  const row = page.getByTestId("role-row").filter({ hasText: "ReadOnly" });
  // The portal says so before anything is clicked.
  await expect(row).toContainText("recent sign-in");
  await row.getByRole("button", { name: "CLI credentials for production ReadOnly" }).click();
  const dialog = page.getByRole("dialog", { name: /CLI credentials · production \/ ReadOnly/ });
  await dialog.getByRole("button", { name: "Get credentials" }).click();
  // The dialog says why, and the way through the IdP.
  const refusal = dialog.getByRole("alert");
  await expect(refusal).toContainText(
    "production / ReadOnly needs a sign-in at your identity provider within the last 10 minutes (yours was 30 minutes ago).",
  );
  await refusal.getByRole("link", { name: "Sign in again" }).click();

  // The IdP's session is alive, yet it asks for the password: Airlock asked for a new authentication.
  await signInAgainAt(page, "Demo OIDC IdP");
  expect(await assumeCount()).toBe(before);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Welcome, Alice Example");
  await page.waitForLoadState("networkidle");

  await page.getByLabel("Search accounts and roles").fill("production");
  await row.getByRole("button", { name: "CLI credentials for production ReadOnly" }).click();
  await dialog.getByRole("button", { name: "Get credentials" }).click();
  await expect(dialog.getByTestId("countdown")).toHaveText(/left$/);
  expect(await assumeCount()).toBe(before + 1);
});

test("saml: the console for a step-up role sends alice through the IdP with ForceAuthn, then to the confirmation", async ({
  page,
  context,
}) => {
  await page.goto("/signin");
  await page.getByRole("link", { name: "Sign in with Demo SAML IdP" }).click();
  await signInAgainAt(page, "Demo SAML IdP");
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Welcome, Alice Example");
  ageAlicesSignIn(30);
  const before = await assumeCount();

  await page.getByLabel("Search accounts and roles").fill("production");
  const row = page.getByTestId("role-row").filter({ hasText: "ReadOnly" });
  const authnRequests: string[] = [];
  context.on("request", (r) => {
    if (new URL(r.url()).pathname === "/sso" && r.method() === "GET") authnRequests.push(r.url());
  });
  const [tab] = await Promise.all([
    context.waitForEvent("page"),
    row.getByRole("link", { name: "Open console for production ReadOnly" }).click(),
  ]);
  // A click Chromium counts as one goes through the IdP at once; otherwise the /go page says why
  // and offers the way (it never redirects by itself: that could loop).
  const signInAgain = tab.getByRole("link", { name: "Sign in again" });
  const idpForm = tab.getByRole("heading", { name: "Demo SAML IdP" });
  await expect(signInAgain.or(idpForm)).toBeVisible();
  if (await signInAgain.isVisible()) {
    await expect(tab.getByRole("alert").filter({ hasText: "needs a sign-in" })).toContainText(
      "within the last 10 minutes (yours was 30 minutes ago).",
    );
    await signInAgain.click();
  }
  await expect(idpForm).toBeVisible();
  // What Airlock asked the IdP: a new authentication, not an answer from its session.
  expect(authnRequests).toHaveLength(1);
  const samlRequest = new URL(authnRequests[0]).searchParams.get("SAMLRequest") ?? "";
  expect(inflateRawSync(Buffer.from(samlRequest, "base64")).toString("utf8")).toMatch(
    /<samlp:AuthnRequest [^>]*ForceAuthn="true"/,
  );
  await signInAgainAt(tab, "Demo SAML IdP");
  expect(await assumeCount()).toBe(before);

  // Back from the IdP, the /go confirmation of the same request asks for a click (after a fast SAML
  // sign-in Chromium may still count the click at the IdP as one, and the console opens at once:
  // the known gap deep-links.spec.ts describes).
  const question = tab.getByRole("heading", { name: "Open the AWS console?" });
  const arn = tab.getByTestId("assumed-role-arn");
  await expect(question.or(arn)).toBeVisible();
  if (await question.isVisible()) await tab.getByRole("button", { name: "Open production as ReadOnly" }).click();
  await expect(tab.getByTestId("assumed-role-arn")).toHaveText(
    "arn:aws:sts::333333333333:assumed-role/ReadOnly/alice@example.com",
  );
  expect(await assumeCount()).toBe(before + 1);
});
