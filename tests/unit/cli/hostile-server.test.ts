import { describe, expect, it } from "vitest";
import type { Fetch } from "@/cli/src/api";
import { startDeviceAuthorization } from "@/cli/src/device-flow";
import { CliError } from "@/cli/src/errors";
import { openBrowser } from "@/cli/src/open-browser";
import { isPortalPage, printable } from "@/cli/src/printable";

// What the CLI does with answers it must not trust: pages on other sites, escape sequences, odd URLs.

const portal = "https://airlock.example.com";

function answering(body: Record<string, unknown>): Fetch {
  return async () =>
    Response.json({
      device_code: "device-secret",
      user_code: "BCDF-GHJK",
      verification_uri: `${portal}/device`,
      verification_uri_complete: `${portal}/device?user_code=BCDF-GHJK`,
      expires_in: 600,
      interval: 5,
      ...body,
    });
}

async function failure(body: Record<string, unknown>): Promise<CliError> {
  const error = await startDeviceAuthorization({ url: portal, fetch: answering(body) }, "laptop").catch((e) => e);
  expect(error).toBeInstanceOf(CliError);
  return error as CliError;
}

describe("a device authorization answer", () => {
  it("is followed when its pages are the portal's own", async () => {
    const authorization = await startDeviceAuthorization({ url: portal, fetch: answering({}) }, "laptop");
    expect(authorization.verificationUriComplete).toBe(`${portal}/device?user_code=BCDF-GHJK`);
  });

  it.each([
    { verification_uri: "https://airlock.example.com.evil.test/device" },
    { verification_uri_complete: "https://evil.test/device?user_code=BCDF-GHJK" },
    { verification_uri_complete: "file:///C:/Windows/System32/calc.exe" },
    { verification_uri: "http://airlock.example.com/device" },
  ])("naming another site is refused, not opened: %o", async (body) => {
    const error = await failure(body);
    expect(error.message).toMatch(/outside https:\/\/airlock\.example\.com; not opening it/);
  });

  it("with escape sequences instead of a user code is refused", async () => {
    const error = await failure({ user_code: "\u001b]8;;https://evil.test\u0007BCDF-GHJK" });
    expect(error.message).toMatch(/no valid sign-in code/);
  });
});

describe("text from Airlock on the terminal", () => {
  it("loses escape sequences, carriage returns and direction overrides, keeps line breaks", () => {
    expect(printable("a\u001b[2J\u001b]0;pwned\u0007b\rc\u009b31md\u202eef\ng")).toBe("a[2J]0;pwnedbc31mdef\ng");
  });

  it("opens only http(s) pages in the browser", async () => {
    for (const url of ["file:///etc/passwd", "javascript:alert(1)", "smb://evil.test/x", "https://a b"])
      expect(await openBrowser(url), url).toBe(false);
  });

  it("knows the portal's own pages", () => {
    expect(isPortalPage(`${portal}/signin/refresh?x=1`, portal)).toBe(true);
    expect(isPortalPage("https://airlock.example.com@evil.test/", portal)).toBe(false);
    expect(isPortalPage("not a url", portal)).toBe(false);
  });
});
