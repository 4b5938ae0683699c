import { expect, test, type Page } from "@playwright/test";
import { demoIdpUrls, setDemoGroups, signInWithOidc } from "./helpers";

/**
 * /signin/refresh re-asks the IdP the person signed in with for their groups. With the IdP's session
 * alive it comes back without showing a login form, carrying the groups the IdP holds now; without
 * it, the person signs in at the IdP.
 */

// Each step is a chain of redirects through the IdP and back; the machine may be busy.
const slowExpect = expect.configure({ timeout: 60_000 });
test.describe.configure({ timeout: 240_000 });

const bobsGroups = ["engineering", "sre", "platform-admins"];

test.afterEach(async () => {
  await setDemoGroups("oidc", "bob@example.com", bobsGroups);
  await setDemoGroups("saml", "bob@example.com", bobsGroups);
});

/** Visits the refresh page; the paths the browser asks of the IdP on the way (filled as it goes). */
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

// Each IdP's own session cookie (the demo IdPs share the host "localhost" with Airlock), and
// where its authorization endpoint is.
const idps = [
  {
    idp: "oidc",
    title: "Demo OIDC IdP",
    sessionCookie: /^_session/,
    endpoint: "/auth",
    signIn: (page: Page) => signInWithOidc(page, "bob@example.com", "bob"),
  },
  {
    idp: "saml",
    title: "Demo SAML IdP",
    sessionCookie: "demo_saml_idp_session",
    endpoint: "/sso",
    signIn: async (page: Page) => {
      await page.goto("/signin");
      await page.getByRole("link", { name: "Sign in with Demo SAML IdP" }).click();
      await signInAtIdp(page, "Demo SAML IdP");
    },
  },
] as const;

for (const { idp, title, sessionCookie, endpoint, signIn } of idps) {
  test(`${idp}: the refresh passes through the IdP silently, picks up a removed group, and asks for a sign-in once the IdP session is gone`, async ({
    page,
    context,
  }) => {
    await signIn(page);
    await expectHome(page, "engineering, sre, platform-admins");
    await expect(adminLink(page)).toBeVisible();

    // Nobody fills the IdP's form here: coming home proves it answered without one.
    const idpRequests = await refresh(page, idp);
    await expectHome(page, "engineering, sre, platform-admins");
    expect(idpRequests).toContain(endpoint);

    await setDemoGroups(idp, "bob@example.com", ["engineering", "sre"]);
    await refresh(page, idp);
    await expectHome(page, "engineering, sre");
    await expect(adminLink(page)).toHaveCount(0);

    await context.clearCookies({ name: sessionCookie });
    await refresh(page, idp);
    await signInAtIdp(page, title);
    await expectHome(page, "engineering, sre");
  });
}
