import { describe, expect, it } from "vitest";
import { redactFields } from "@/lib/log";

describe("redactFields", () => {
  it("replaces secret-looking fields at any depth and keeps the rest", () => {
    const out = redactFields({
      user: "alice@example.com",
      accessKeyId: "ASIAEXAMPLE",
      secretAccessKey: "s3cr3t",
      sessionToken: "tok",
      nested: { SAMLResponse: "PHNhbWw+", password: "pw", role: "ReadOnly" },
      signinUrl: "https://signin.aws.amazon.com/federation?SigninToken=x",
    });
    expect(out).toEqual({
      user: "alice@example.com",
      accessKeyId: "ASIAEXAMPLE",
      secretAccessKey: "[redacted]",
      sessionToken: "[redacted]",
      nested: { SAMLResponse: "[redacted]", password: "[redacted]", role: "ReadOnly" },
      signinUrl: "[redacted]",
    });
  });

  it("turns errors into name and message only", () => {
    expect(redactFields({ error: new TypeError("boom") })).toEqual({ error: { name: "TypeError", message: "boom" } });
  });
});
