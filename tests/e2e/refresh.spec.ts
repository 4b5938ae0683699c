import { expect, test, type Page } from "@playwright/test";
import { demoIdpUrls, setDemoGroups, signInWithOidc } from "./helpers";

/**
 * /signin/refresh re-asks the IdP the person signed in with for their groups. With the IdP's session
 * alive it comes back without showing a login form, carrying the groups the IdP holds now; without
 * it, the person signs in at the IdP.
 */

// Each step is a chain of redirects through the IdP and back; the machine may be busy.
const slowExpect = expect.configure({ timeout: 20_000 });
test.describe.configure({ timeout: 120_000 });

const bobsGroups = ["engineering", "sre", "platform-admins"];
// Each IdP's own session cookie (the demo IdPs share the host "localhost" with Airlock).
const idpSessionCookie = { oidc: /^_session/, saml: "demo_saml_idp_session" };

test.afterEach(async () => {
  await setDemoGroups("oidc", "bob@example.com", bobsGroups);
  await setDemoGroups("saml", "bob@example.com", bobsGroups);
});

/** Visits the refresh page; the URLs the browser asked of the IdP on the way. */
async function refresh(page: Page, idp: "oidc" | "saml"): Promise<string[]> {
  const idpRequests: string[] = [];
  const idpPort = new URL(demoIdpUrls[idp]).port;
  page.on("request", (r) => {
    if (new URL(r.url()).port === idpPort) idpRequests.push(new URL(r.url()).pathname);
  });
  await page.goto(`/signin/refresh?idp=${idp}&callbackUrl=%2F`);
  return idpRequests;
}

async function expectHome(page: Page, groups: string) {
  await slowExpect(page.getByRole("heading", { level: 1 })).toHaveText("Welcome, Bob Example");
  await expect(page).toHaveURL(/\/$/);
  await expect(page.getByTestId("user-groups")).toHaveText(groups);
}

async function signInAtIdp(page: Page, idpTitle: string) {
  await slowExpect(page.getByRole("heading", { name: idpTitle })).toBeVisible();
  await page.getByLabel("Email").fill("bob@example.com");
  await page.getByLabel("Password").fill("bob");
  await page.getByRole("button", { name: "Sign in" }).click();
}

const adminLink = (page: Page) =>
  page.getByRole("navigation", { name: "Account" }).getByRole("link", { name: "Admin" });

test("OIDC: the refresh passes through the IdP silently, picks up a removed group, and asks for a sign-in once the IdP session is gone", async ({
  page,
  context,
}) => {
  await signInWithOidc(page, "bob@example.com", "bob");
  await expect(adminLink(page)).toBeVisible();

  const silent = await refresh(page, "oidc");
  await expectHome(page, "engineering, sre, platform-admins");
  expect(silent).toContain("/auth");
  expect(silent.some((path) => path.startsWith("/interaction/"))).toBe(false);

  await setDemoGroups("oidc", "bob@example.com", ["engineering", "sre"]);
  await refresh(page, "oidc");
  await expectHome(page, "engineering, sre");
  await expect(adminLink(page)).toHaveCount(0);

  await context.clearCookies({ name: idpSessionCookie.oidc });
  await refresh(page, "oidc");
  await signInAtIdp(page, "Demo OIDC IdP");
  await expectHome(page, "engineering, sre");
});

test("SAML: the refresh passes through the IdP silently, picks up a removed group, and asks for a sign-in once the IdP session is gone", async ({
  page,
  context,
}) => {
  await page.goto("/signin");
  await page.getByRole("link", { name: "Sign in with Demo SAML IdP" }).click();
  await signInAtIdp(page, "Demo SAML IdP");
  await expectHome(page, "engineering, sre, platform-admins");

  const silent = await refresh(page, "saml");
  await expectHome(page, "engineering, sre, platform-admins");
  expect(silent).toContain("/sso");

  await setDemoGroups("saml", "bob@example.com", ["engineering", "sre"]);
  await refresh(page, "saml");
  await expectHome(page, "engineering, sre");
  await expect(adminLink(page)).toHaveCount(0);

  await context.clearCookies({ name: idpSessionCookie.saml });
  await refresh(page, "saml");
  await signInAtIdp(page, "Demo SAML IdP");
  await expectHome(page, "engineering, sre");
});
