import { describe, expect, it } from "vitest";
import { describeInputIssues } from "@/lib/federation/describe-input-issues";
import { consoleRequestSchema } from "@/lib/http/issuance-input";

function describe_(input: unknown): string {
  const parsed = consoleRequestSchema.safeParse(input);
  if (parsed.success) throw new Error("expected a problem");
  return describeInputIssues(parsed.error, input);
}

describe("describeInputIssues", () => {
  it("names missing fields in words, without zod's paths", () => {
    expect(describe_({})).toBe("The account id (accountId) is missing. The role name (roleName) is missing.");
  });

  it("keeps a field's own sentence once, without repeating the field's name", () => {
    const message = describe_({ accountId: "111111111111", roleName: "Admin", region: "nowhere" });
    expect(message).toBe("The region is not an AWS region name, such as eu-west-1.");
    expect(describe_({ accountId: "12", roleName: "Admin" })).toBe(
      "An AWS account id is exactly 12 digits, for example 123456789012.",
    );
  });

  it("starts a rule written in lowercase with a capital", () => {
    expect(describe_({ accountId: "111111111111", roleName: "Admin", destination: "https://x.example" })).toMatch(
      /^A console destination is a service path/,
    );
  });

  it("says so when the request is not an object, or a field has the wrong type", () => {
    expect(describe_("nope")).toBe("The request must be a JSON object naming accountId and roleName.");
    expect(describe_({ accountId: 111111111111, roleName: "Admin" })).toBe(
      "The account id (accountId) has the wrong type.",
    );
  });
});
