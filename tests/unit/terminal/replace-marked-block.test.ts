import { describe, expect, it } from "vitest";
import { blockBegin, blockEnd } from "@/lib/terminal/aws-config";
import { listProfileNames, replaceMarkedBlock } from "@/lib/terminal/replace-marked-block";

const block = (...names: string[]) =>
  [
    blockBegin,
    ...names.map((n) => `[profile ${n}]\ncredential_process = airlock creds --account 1 --role ${n}`),
    blockEnd,
    "",
  ].join("\n");

const userConfig = "[default]\nregion = eu-west-1\n\n[profile mine]\nregion = us-east-1 # keep me\n";

describe("the marked block in ~/.aws/config", () => {
  it("creates a new file's content", () => {
    expect(replaceMarkedBlock("", block("a"))).toEqual({ ok: true, text: block("a"), changed: true });
  });

  it("appends after a blank line, keeping the file byte for byte", () => {
    const result = replaceMarkedBlock("[default]\nregion = eu-west-1", block("a"));
    expect(result).toEqual({ ok: true, text: `[default]\nregion = eu-west-1\n\n${block("a")}`, changed: true });
  });

  it("replaces only the block, wherever it is, and is idempotent", () => {
    const before = `${userConfig}\n${block("a", "b")}\n[profile after]\nregion = ap-south-1\n`;
    const first = replaceMarkedBlock(before, block("c"));
    expect(first).toEqual({
      ok: true,
      text: `${userConfig}\n${block("c")}\n[profile after]\nregion = ap-south-1\n`,
      changed: true,
    });
    const second = replaceMarkedBlock(first.ok ? first.text : "", block("c"));
    expect(second).toEqual({ ok: true, text: first.ok ? first.text : "", changed: false });
  });

  it("refuses profile names that clash with profiles outside the block", () => {
    expect(replaceMarkedBlock(userConfig, block("mine", "other"))).toEqual({
      ok: false,
      reason: "clashing_profiles",
      clashes: ["mine"],
    });
    expect(replaceMarkedBlock(userConfig, block("default"))).toMatchObject({ ok: false, clashes: ["default"] });
  });

  it("does not count the old block's own profiles as clashes", () => {
    expect(replaceMarkedBlock(`${userConfig}\n${block("a")}`, block("a"))).toMatchObject({ ok: true, changed: false });
  });

  it("refuses a block whose end marker is missing instead of guessing", () => {
    expect(replaceMarkedBlock(`${blockBegin}\n[profile a]\n`, block("a"))).toEqual({
      ok: false,
      reason: "unterminated_block",
      clashes: [],
    });
  });

  it("lists profile names the way the SDKs read section headers", () => {
    expect(
      listProfileNames("[default]\n[profile a]\n  [ profile  b ]\n[sso-session corp]\n[services s]\n# [profile c]\n"),
    ).toEqual(["default", "a", "b"]);
  });
});
