import { execFileSync } from "node:child_process";
import { existsSync } from "node:fs";
import { describe, expect, it } from "vitest";
import {
  buildProfileName,
  credentialFormats,
  formatCredentials,
  type TemporaryCredentials,
} from "@/lib/aws/credential-formats";

const plain: TemporaryCredentials = {
  accessKeyId: "ASIAEXAMPLEKEY123456",
  secretAccessKey: "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY",
  sessionToken: "IQoJb3JpZ2luX2VjEJr//////////wEaCXVzLWVhc3QtMSJH+MEUCIQ==",
  expiration: new Date("2026-11-26T20:00:00.000Z"),
};
// Values no real credential holds, but a formatter must survive.
const hostile: TemporaryCredentials = {
  ...plain,
  secretAccessKey: `it's $HOME "q" \\back\\slash; $(touch /tmp/airlock-pwned) \`id\` !! %PATH% ^&|<>`,
  sessionToken: `tok'en'' with ' quotes \\' and $VAR and {braces} (parens) * ? ~`,
};

const names = ["AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY", "AWS_SESSION_TOKEN"];
const valuesOf = (c: TemporaryCredentials) => [c.accessKeyId, c.secretAccessKey, c.sessionToken];

function runShell(shell: "bash" | "fish", script: string): string[] {
  const printer = names.map((n) => `printf '%s\\0' "$${n}"`).join("; ");
  const out = execFileSync(shell, ["-c", `${script}\n${printer}`], {
    encoding: "utf8",
    env: { ...process.env, HOME: "/nonexistent" },
  });
  return out.split("\0").slice(0, 3);
}

describe("credential formats", () => {
  it("offers every format the portal shows", () => {
    expect(credentialFormats.map((f) => f.id)).toEqual([
      "bash",
      "fish",
      "powershell",
      "cmd",
      "profile",
      "credential_process",
      "dotenv",
    ]);
  });

  it.each([
    ["plain", plain],
    ["hostile", hostile],
  ])("bash/zsh exports read back exactly in a real bash (%s values)", (_, creds) => {
    const script = formatCredentials("bash", creds);
    for (const line of script.split("\n")) expect(line.startsWith(" export ")).toBe(true);
    expect(runShell("bash", script)).toEqual(valuesOf(creds));
    expect(existsSync("/tmp/airlock-pwned")).toBe(false);
  });

  it.each([
    ["plain", plain],
    ["hostile", hostile],
  ])("fish set -gx reads back exactly in a real fish (%s values)", (_, creds) => {
    const script = formatCredentials("fish", creds);
    for (const line of script.split("\n")) expect(line.startsWith(" set -gx ")).toBe(true);
    expect(runShell("fish", script)).toEqual(valuesOf(creds));
  });

  it("PowerShell: single-quoted literals, quotes doubled, nothing interpolated", () => {
    const lines = formatCredentials("powershell", hostile).split("\n");
    const parsed = lines.map((line) => {
      const match = /^ \$Env:(\w+) = '((?:[^']|'')*)'$/.exec(line);
      expect(match, line).not.toBeNull();
      return [match![1], match![2].replace(/''/g, "'")];
    });
    expect(parsed).toEqual(names.map((n, i) => [n, valuesOf(hostile)[i]]));
  });

  it('Windows cmd: set "NAME=value" lines, CRLF, never setx; refuses what cmd cannot quote', () => {
    const out = formatCredentials("cmd", plain);
    expect(out.split("\r\n")).toEqual(names.map((n, i) => `set "${n}=${valuesOf(plain)[i]}"`));
    expect(out).not.toMatch(/setx/i);
    expect(() => formatCredentials("cmd", hostile)).toThrow(/cannot quote/);
  });

  it("~/.aws/credentials profile block with a sensible name", () => {
    expect(buildProfileName({ accountName: "Staging EU", roleName: "ReadOnly" })).toBe("staging-eu-readonly");
    expect(formatCredentials("profile", plain, { profileName: "sandbox-developer", region: "eu-west-1" })).toBe(
      [
        `[sandbox-developer]`,
        `aws_access_key_id = ${plain.accessKeyId}`,
        `aws_secret_access_key = ${plain.secretAccessKey}`,
        `aws_session_token = ${plain.sessionToken}`,
        "region = eu-west-1",
      ].join("\n"),
    );
    expect(() => formatCredentials("profile", { ...plain, sessionToken: "a\n[evil]" })).toThrow(/span lines/);
  });

  it("credential_process: Version 1 JSON with Expiration", () => {
    expect(JSON.parse(formatCredentials("credential_process", hostile))).toEqual({
      Version: 1,
      AccessKeyId: hostile.accessKeyId,
      SecretAccessKey: hostile.secretAccessKey,
      SessionToken: hostile.sessionToken,
      Expiration: "2026-11-26T20:00:00.000Z",
    });
  });

  it(".env: literal single quotes, or escaped double quotes when a value holds a quote", () => {
    const lines = formatCredentials("dotenv", hostile).split("\n");
    expect(lines[0]).toBe(`AWS_ACCESS_KEY_ID='${hostile.accessKeyId}'`);
    expect(lines[1].startsWith('AWS_SECRET_ACCESS_KEY="')).toBe(true);
    // dotenv's double-quoted values read back through bash's identical rules.
    expect(runShell("bash", lines.map((l) => `export ${l}`).join("\n"))).toEqual(valuesOf(hostile));
  });
});
