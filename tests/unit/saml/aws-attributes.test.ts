import { describe, expect, it } from "vitest";
import { normaliseRoleSessionName, normaliseSessionTags, normaliseSourceIdentity } from "@/lib/saml/aws-attributes";

const allowed = /^[\w+=,.@-]{2,64}$/;

describe("AWS attribute normalisation", () => {
  it.each([
    ["alice@example.com", "alice@example.com"],
    ["José Álvarez@example.com", "Jose-Alvarez@example.com"],
    ["o'brien+test@example.com", "o-brien+test@example.com"],
    [`${"a".repeat(70)}@example.com`, "a".repeat(64)],
    ["x", "user_123"],
    ["!!!", "user_123"],
  ])("RoleSessionName from %j", (email, expected) => {
    const value = normaliseRoleSessionName(email, "user_123");
    expect(value).toBe(expected);
    expect(value).toMatch(allowed);
  });

  it("keeps SourceIdentity within AWS's rules", () => {
    expect(normaliseSourceIdentity("alice")).toBe("alice");
    expect(normaliseSourceIdentity("bob smith")).toBe("bob-smith");
    expect(normaliseSourceIdentity("a", "fallback-id")).toBe("fallback-id");
    for (const value of ["aws:alice", "AWS:x", "<script>"]) expect(normaliseSourceIdentity(value)).toMatch(allowed);
  });

  it("sanitises, de-duplicates and caps session tags", () => {
    const tags = normaliseSessionTags([
      { key: "AirlockUser", value: "alice@example.com" },
      { key: "airlockuser", value: "duplicate" },
      { key: "Groups", value: 'eng<"team">;rm -rf' },
      { key: "aws:reserved", value: "x" },
      { key: "Long", value: "v".repeat(300) },
    ]);
    expect(tags).toEqual([
      { key: "AirlockUser", value: "alice@example.com" },
      { key: "Groups", value: "eng__team___rm -rf" },
      { key: "Long", value: "v".repeat(256) },
    ]);
    expect(normaliseSessionTags(Array.from({ length: 60 }, (_, i) => ({ key: `k${i}`, value: "v" })))).toHaveLength(50);
  });

  it.each([
    ["INC-42: rotate keys", "INC-42: rotate keys"],
    ["Fix 'prod' <db> & restart; ok?", "Fix _prod_ _db_ _ restart_ ok_"],
    ["Überprüfung der Zugänge für Q3", "Überprüfung der Zugänge für Q3"],
    ["r".repeat(256), "r".repeat(256)],
  ])("cuts the reason %j to a session tag value AWS accepts", (reason, value) => {
    const [tag] = normaliseSessionTags([{ key: "AirlockReason", value: reason }]);
    expect(tag).toEqual({ key: "AirlockReason", value });
    expect(tag.value).toMatch(/^[\p{L}\p{Z}\p{N}_.:/=+\-@]{0,256}$/u);
  });
});
