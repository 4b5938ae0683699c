import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { expect as baseExpect, test, type Browser, type Page } from "@playwright/test";
import { startNextServer, type NextServer } from "@/scripts/start-server";
import { freePort } from "@/scripts/free-port";
import {
  simpleSamlPhpMissing,
  simpleSamlPhpUrl,
  startSimpleSamlPhp,
  type SimpleSamlPhp,
} from "@/tests/support/simplesamlphp";

// Airlock signed in to from a real SimpleSAMLphp IdP (Debian's package), configured from Airlock's
// own SP metadata the way docs/deployment.md tells an IdP admin to: persistent NameID, attributes
// under their urn:oid: names, groups as LDAP DNs in isMemberOf, signed logout both ways.

const expect = baseExpect.configure({ timeout: 20_000 });
test.describe.configure({ mode: "serial", timeout: 120_000 });

const dn = (group: string) => `cn=${group},ou=groups,dc=example,dc=com`;
const missing = simpleSamlPhpMissing();

let airlock: NextServer;
let idp: SimpleSamlPhp;
let dataDir: string;

test.skip(missing !== null, `SimpleSAMLphp cannot run here: ${missing}`);

test.beforeAll(async () => {
  test.setTimeout(180_000);
  // The demo uses E2E_PORT..E2E_PORT+3; SimpleSAMLphp takes E2E_PORT+10.
  const idpUrls = simpleSamlPhpUrl(Number(process.env.E2E_PORT ?? 3100) + 10);
  const port = await freePort();
  dataDir = mkdtempSync(path.join(os.tmpdir(), "airlock-e2e-simplesamlphp-"));
  airlock = await startNextServer({
    port,
    env: {
      AIRLOCK_DEMO: "true",
      AIRLOCK_DATA_DIR: dataDir,
      AIRLOCK_URL: `http://127.0.0.1:${port}`,
      DATABASE_URL: `file:${path.join(dataDir, "airlock.db")}`,
      AIRLOCK_LOG_LEVEL: "warn",
      AIRLOCK_SAML_IDP_METADATA: idpUrls.metadataUrl,
      AIRLOCK_SAML_NAME: "SimpleSAMLphp",
      AIRLOCK_SAML_GROUPS_ATTRIBUTE: "urn:oid:1.3.6.1.4.1.5923.1.5.1.1",
      // A DN holds commas: a list with a ";" is split on ";" only.
      AIRLOCK_ADMIN_GROUPS: `${dn("platform-admins")};`,
    },
  });
  idp = await startSimpleSamlPhp({
    port: Number(new URL(idpUrls.url).port),
    spMetadataUrl: `${airlock.url}/api/saml/sp/metadata`,
  });
});

test.afterAll(async () => {
  await idp?.stop();
  await airlock?.stop();
  if (dataDir) rmSync(dataDir, { recursive: true, force: true });
});

/** Signs in at Airlock through SimpleSAMLphp's own login form. */
async function signIn(page: Page, username: string): Promise<void> {
  await page.goto(`${airlock.url}/signin`);
  await page.getByRole("link", { name: "Sign in with SimpleSAMLphp" }).click();
  await expect(page.getByRole("heading", { level: 2, name: "Enter your username and password" })).toBeVisible();
  await page.getByLabel("Username").fill(username);
  await page.getByLabel("Password").fill(`${username}-password`);
  await page.getByRole("button", { name: "Login" }).click();
  await expect(page.getByRole("button", { name: "Sign out" })).toBeVisible();
}

async function newPage(browser: Browser): Promise<Page> {
  const context = await browser.newContext();
  return context.newPage();
}

test("alice signs in with SimpleSAMLphp's form; her group DNs map to roles", async ({ browser }) => {
  const page = await newPage(browser);
  await signIn(page, "alice");
  await expect(page.getByText(`Your groups: ${dn("engineering")}, ${dn("platform-admins")}`)).toBeVisible();

  // The admin group arrived as a full DN, so she may map her engineering DN to a role.
  await page.goto(`${airlock.url}/admin/config`);
  const yaml = [
    "accounts:",
    '  - id: "444444444444"',
    "    name: directory-sandbox",
    "    environment: dev",
    "    roles:",
    "      - name: Developer",
    "        groups:",
    `          - "${dn("engineering")}"`,
    "",
  ].join("\n");
  await page.getByLabel("YAML to import").fill(yaml);
  await page.getByRole("button", { name: "Dry run" }).click();
  await expect(page.getByRole("status", { name: "Plan" })).toContainText("Dry run:");
  await page.getByRole("button", { name: "Apply this plan" }).click();
  await expect(page.getByRole("status", { name: "Result" })).toContainText("Applied.");

  await page.goto(airlock.url);
  await expect(page.getByRole("button", { name: "CLI credentials for directory-sandbox Developer" })).toBeVisible();
  await page.context().close();
});

test("alice signing in again from another browser is the same person", async ({ browser }) => {
  const page = await newPage(browser);
  // A new browser has no SimpleSAMLphp session either: the password is asked again.
  await signIn(page, "alice");
  await page.goto(`${airlock.url}/admin/people`);
  const people = page.getByRole("list", { name: "People" }).getByRole("listitem");
  await expect(people.filter({ hasText: "alice@example.com" })).toHaveCount(1);
  await expect(people).toHaveCount(1);
  await page.context().close();
});

test("an encrypted assertion is decrypted and signs bob in", async ({ browser }) => {
  // Airlock's SP metadata publishes an encryption key; SimpleSAMLphp uses it once told to encrypt.
  await idp.configureSp({ "assertion.encryption": true });
  const page = await newPage(browser);
  const posted: string[] = [];
  page.on("request", (request) => {
    if (request.method() === "POST" && request.url() === `${airlock.url}/api/saml/acs`)
      posted.push(new URLSearchParams(request.postData() ?? "").get("SAMLResponse") ?? "");
  });
  await signIn(page, "bob");
  await expect(page.getByText(`Your groups: ${dn("sre")}`)).toBeVisible();
  const response = Buffer.from(posted[0] ?? "", "base64").toString("utf8");
  expect(response).toContain("EncryptedAssertion");
  expect(response).not.toMatch(/<(saml2?:)?Assertion[\s>]/);
  await page.context().close();
});

test("signing out of Airlock ends the SimpleSAMLphp session too", async ({ browser }) => {
  const page = await newPage(browser);
  await signIn(page, "carol");
  await page.getByRole("button", { name: "Sign out" }).click();
  // Back from SimpleSAMLphp's LogoutResponse, not from a failed IdP logout.
  await expect(page.getByRole("status").filter({ hasText: "You are signed out of Airlock." })).toBeVisible();
  expect(new URL(page.url()).searchParams.get("idpLogout")).toBeNull();
  // Signing in again asks for the password: SimpleSAMLphp has no session left for carol.
  await page.getByRole("link", { name: "Sign in with SimpleSAMLphp" }).click();
  await expect(page.getByRole("heading", { level: 2, name: "Enter your username and password" })).toBeVisible();
  await page.context().close();
});

test("a logout started at SimpleSAMLphp ends the Airlock session", async ({ browser }) => {
  const page = await newPage(browser);
  await signIn(page, "alice");
  const returnTo = `${airlock.url}/sessions`;
  await page.goto(`${idp.url}/saml2/idp/SingleLogoutService.php?ReturnTo=${encodeURIComponent(returnTo)}`);
  // SimpleSAMLphp sent Airlock a signed LogoutRequest, got its LogoutResponse, then came back here.
  await expect(page.getByRole("link", { name: "Sign in with SimpleSAMLphp" })).toBeVisible();
  expect(new URL(page.url()).pathname).toBe("/signin");
  await page.goto(`${airlock.url}/`);
  await expect(page).toHaveURL(/\/signin/);
  await page.context().close();
});
