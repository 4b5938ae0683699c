import { describe, expect, it } from "vitest";
import { capRejectionMessage, SamlRejection } from "@/lib/saml/saml-rejection";

describe("SamlRejection", () => {
  it("keeps a short message as it is", () => {
    expect(new SamlRejection("replayed", "saml_replayed", "LogoutRequest _abc was already used.").message).toBe(
      "LogoutRequest _abc was already used.",
    );
  });

  it("cuts a message quoting a sender's huge ID to 1,024 characters, keeping its start and end", () => {
    const message = `LogoutRequest _${"x".repeat(100_000)} was already used.`;
    const capped = new SamlRejection("replayed", "saml_replayed", message).message;
    expect(capped).toHaveLength(1024);
    expect(capped.startsWith("LogoutRequest _xxx")).toBe(true);
    expect(capped.endsWith("xxx was already used.")).toBe(true);
    expect(capped).toContain(" [\u2026] ");
    expect(capRejectionMessage("a".repeat(1024))).toBe("a".repeat(1024));
  });
});
