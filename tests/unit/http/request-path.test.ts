import { describe, expect, it } from "vitest";
import { safeRelativePath } from "@/lib/auth/redirects";
import { buildRequestPath } from "@/lib/http/request-path";

describe("buildRequestPath", () => {
  it.each([
    [
      "http://x/go?account=sandbox&role=Developer&region=eu-west-1&destination=s3",
      "/go?account=sandbox&role=Developer&region=eu-west-1&destination=s3",
    ],
    ["http://x/admin/audit?actor=bob%40example.com", "/admin/audit?actor=bob%40example.com"],
    ["http://x/admin/audit?_rsc=abc&actor=bob", "/admin/audit?actor=bob"],
    ["http://x/admin/people?_rsc=1", "/admin/people"],
    ["http://x/", "/"],
  ])("%s → %s", (url, path) => {
    expect(buildRequestPath(new URL(url))).toBe(path);
  });

  it("stays a relative path once the guards validate it", () => {
    const path = buildRequestPath(new URL("http://x//evil.example/x?y=1"));
    expect(safeRelativePath(path)).toBe("/");
  });
});
