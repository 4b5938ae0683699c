import { describe, expect, it } from "vitest";
import { findDeepLinkProblems } from "@/lib/portal/deep-link";

describe("findDeepLinkProblems", () => {
  it.each([
    [{}, ["It does not say which account and role to open."]],
    [{ account: "abc", role: "" }, ["It names no role to open in “abc”."]],
    [{ role: "Admin" }, ["It names no account."]],
    [{ account: "production", role: "has space" }, [expect.stringMatching(/^“has space” is not an IAM role name/)]],
    [
      { account: "production", role: "Admin", region: "mars-1" },
      ["“mars-1” is not an AWS region name, such as eu-west-1 or us-east-1."],
    ],
    [
      { account: "production", role: "Admin", destination: "https://evil.example" },
      [
        expect.stringMatching(
          /^Airlock does not open the console at “https:\/\/evil.example”\. A console destination is/,
        ),
      ],
    ],
    [{ account: "x".repeat(65), role: "Admin" }, [expect.stringMatching(/is neither a 12-digit account id nor/)]],
  ])("%o → %o", (params, problems) => {
    expect(findDeepLinkProblems(params)).toEqual(problems);
  });

  it("accepts a whole link, by id or by name", () => {
    expect(
      findDeepLinkProblems({ account: "333333333333", role: "Admin", region: "eu-west-1", destination: "s3" }),
    ).toEqual([]);
    expect(findDeepLinkProblems({ account: "production", role: "ReadOnly" })).toEqual([]);
  });

  it("cuts a long value short, so it cannot flood the page", () => {
    const [problem] = findDeepLinkProblems({ account: "production", role: "Admin", region: "r".repeat(500) });
    expect(problem.length).toBeLessThan(130);
    expect(problem).toContain("…”");
  });
});
