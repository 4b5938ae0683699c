import { execFileSync } from "node:child_process";
import { existsSync } from "node:fs";
import { describe, expect, it } from "vitest";
import {
  buildProfileName,
  credentialFormats,
  formatCredentials,
  type CredentialFormat,
  type TemporaryCredentials,
} from "@/lib/aws/credential-formats";
import { formatCredentialProcessProfile } from "@/lib/terminal/aws-config";
import { quoteDotenv } from "@/lib/aws/credential-quoting";

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
const region = "eu-west-1";
const options = { profileName: "sandbox-developer", region };

const names = [
  "AWS_ACCESS_KEY_ID",
  "AWS_SECRET_ACCESS_KEY",
  "AWS_SESSION_TOKEN",
  "AWS_REGION",
  "AWS_DEFAULT_REGION",
  "AWS_CREDENTIAL_EXPIRATION",
];
const valuesOf = (c: TemporaryCredentials) => [
  c.accessKeyId,
  c.secretAccessKey,
  c.sessionToken,
  region,
  region,
  c.expiration.toISOString(),
];

function runShell(shell: "bash" | "fish", script: string): string[] {
  const printer = names.map((n) => `printf '%s\\0' "$${n}"`).join("; ");
  const out = execFileSync(shell, ["-c", `${script}\n${printer}`], {
    encoding: "utf8",
    env: { ...process.env, HOME: "/nonexistent" },
  });
  return out.split("\0").slice(0, names.length);
}

describe("credential formats", () => {
  it("offers every format the portal shows", () => {
    expect(credentialFormats.map((f) => f.id)).toEqual([
      "bash",
      "fish",
      "powershell",
      "cmd",
      "profile",
      "configure",
      "credential_process",
      "dotenv",
    ]);
  });

  it.each([
    ["plain", plain],
    ["hostile", hostile],
  ])("bash/zsh exports read back exactly in a real bash, region and expiry included (%s values)", (_, creds) => {
    const script = formatCredentials("bash", creds, options);
    for (const line of script.split("\n")) expect(line.startsWith(" export ")).toBe(true);
    expect(runShell("bash", script)).toEqual(valuesOf(creds));
    expect(existsSync("/tmp/airlock-pwned")).toBe(false);
  });

  it.each([
    ["plain", plain],
    ["hostile", hostile],
  ])("fish set -gx reads back exactly in a real fish (%s values)", (_, creds) => {
    const script = formatCredentials("fish", creds, options);
    for (const line of script.split("\n")) expect(line.startsWith(" set -gx ")).toBe(true);
    expect(runShell("fish", script)).toEqual(valuesOf(creds));
  });

  it("PowerShell: single-quoted literals, quotes doubled, nothing interpolated", () => {
    const lines = formatCredentials("powershell", hostile, options).split("\n");
    const parsed = lines.map((line) => {
      const match = /^ \$Env:(\w+) = '((?:[^']|'')*)'$/.exec(line);
      expect(match, line).not.toBeNull();
      return [match![1], match![2].replace(/''/g, "'")];
    });
    expect(parsed).toEqual(names.map((n, i) => [n, valuesOf(hostile)[i]]));
  });

  it('Windows cmd: set "NAME=value" lines, CRLF, never setx; refuses what cmd cannot quote', () => {
    const out = formatCredentials("cmd", plain, options);
    expect(out.split("\r\n")).toEqual(names.map((n, i) => `set "${n}=${valuesOf(plain)[i]}"`));
    expect(out).not.toMatch(/setx/i);
    expect(() => formatCredentials("cmd", hostile, options)).toThrow(/AWS_SECRET_ACCESS_KEY.*cannot quote.*PowerShell/);
  });

  it("~/.aws/credentials: one section ending with a newline, region, and the expiry as a comment", () => {
    expect(formatCredentials("profile", plain, options)).toBe(
      [
        `[sandbox-developer]`,
        `# Expires 2026-11-26T20:00:00.000Z. To renew, replace this whole section: a second [sandbox-developer] makes the file unreadable.`,
        `aws_access_key_id = ${plain.accessKeyId}`,
        `aws_secret_access_key = ${plain.secretAccessKey}`,
        `aws_session_token = ${plain.sessionToken}`,
        "region = eu-west-1",
        "",
      ].join("\n"),
    );
    expect(() => formatCredentials("profile", { ...plain, sessionToken: "a\n[evil]" }, options)).toThrow(/span lines/);
  });

  it("aws configure set: one command per key, values and profile shell-quoted, space-prefixed", () => {
    const lines = formatCredentials("configure", hostile, { profileName: "sandbox-developer", region }).split("\n");
    expect(lines).toEqual([
      ` aws configure set aws_access_key_id '${hostile.accessKeyId}' --profile 'sandbox-developer'`,
      ` aws configure set aws_secret_access_key 'it'\\''s $HOME "q" \\back\\slash; $(touch /tmp/airlock-pwned) \`id\` !! %PATH% ^&|<>' --profile 'sandbox-developer'`,
      ` aws configure set aws_session_token 'tok'\\''en'\\'''\\'' with '\\'' quotes \\'\\'' and $VAR and {braces} (parens) * ? ~' --profile 'sandbox-developer'`,
      ` aws configure set region 'eu-west-1' --profile 'sandbox-developer'`,
    ]);
    // Each command's words, as bash splits them: exactly the values.
    const words = execFileSync("bash", ["-c", `aws() { printf '%s\\0' "$@"; printf '\\n'; }\n${lines.join("\n")}`], {
      encoding: "utf8",
    })
      .trim()
      .split("\n")
      .map((line) => line.split("\0").slice(0, -1));
    expect(words.map((w) => w[3])).toEqual([
      hostile.accessKeyId,
      hostile.secretAccessKey,
      hostile.sessionToken,
      region,
    ]);
    for (const w of words) expect(w.slice(-2)).toEqual(["--profile", "sandbox-developer"]);
  });

  it("credential_process: Version 1 JSON with Expiration, and no region needed", () => {
    expect(JSON.parse(formatCredentials("credential_process", hostile))).toEqual({
      Version: 1,
      AccessKeyId: hostile.accessKeyId,
      SecretAccessKey: hostile.secretAccessKey,
      SessionToken: hostile.sessionToken,
      Expiration: "2026-11-26T20:00:00.000Z",
    });
  });

  it(".env: every value in literal single quotes", () => {
    expect(formatCredentials("dotenv", plain, options).split("\n")).toEqual(
      names.map((n, i) => `${n}='${valuesOf(plain)[i]}'`),
    );
  });

  it.each([
    ["a single quote", "it's"],
    ["a backslash (python-dotenv undoes \\\\ and \\')", "a\\b"],
    ["a dollar (Next expands $NAME)", "a$HOME"],
    ["a line break", "a\nb"],
  ])(".env refuses a value holding %s, saying what to use instead", (_, value) => {
    expect(() => quoteDotenv("AWS_SESSION_TOKEN", value)).toThrow(
      "AWS_SESSION_TOKEN contains a character a .env file cannot hold literally (' \\ $ or a line break): use a shell format instead.",
    );
  });

  it.each(["bash", "fish", "powershell", "cmd", "profile", "configure", "dotenv"] satisfies CredentialFormat[])(
    "%s: never without a region, never with a malformed one",
    (format) => {
      expect(() => formatCredentials(format, plain, { profileName: "p" })).toThrow(
        `The ${format} format needs a region`,
      );
      expect(() => formatCredentials(format, plain, { profileName: "p", region: "eu-west-1'; id" })).toThrow(
        "not an AWS region name",
      );
    },
  );

  it.each(["x--y", "-x", "X", "a b", "x]", "[x"])("refuses %j as a profile name", (profileName) => {
    expect(() => formatCredentials("profile", plain, { profileName, region })).toThrow("cannot be a profile name");
  });
});

describe("buildProfileName", () => {
  it.each([
    [{ accountName: "Staging EU", roleName: "ReadOnly" }, "staging-eu-readonly"],
    [{ accountName: "data -- lake", roleName: "Admin" }, "data-lake-admin"],
    [{ accountName: "sandbox-", roleName: "-Developer" }, "sandbox-developer"],
    [{ accountName: "team_a..b", roleName: "Dev_Ops" }, "team_a-b-dev_ops"],
    [{ accountName: "Prod Zürich", roleName: "Ops" }, "prod-zurich-ops"],
    [{ accountName: "[evil]\n$(id)", roleName: "a=b,c@d" }, "evil-id-a-b-c-d"],
    [{ accountName: "日本", roleName: "+=" }, "airlock"],
    [{ accountName: "a".repeat(70), roleName: "Dev" }, "a".repeat(64)],
  ])("%j → %s", (input, expected) => {
    const name = buildProfileName(input);
    expect(name).toBe(expected);
    expect(name).not.toContain("--");
    expect(name).toMatch(/^[a-z0-9]([a-z0-9_.-]*[a-z0-9])?$/);
  });
});

describe("formatCredentialProcessProfile", () => {
  it.each([
    ["Developer", "Developer"],
    ["Dev+Ops=1,a@b.c_d-e", "Dev+Ops=1,a@b.c_d-e"],
  ])("writes the ~/.aws/config profile that runs airlock creds (%s)", (roleName, word) => {
    expect(
      formatCredentialProcessProfile({ profileName: "sandbox-developer", accountId: "111111111111", roleName, region }),
    ).toBe(
      `[profile sandbox-developer]\ncredential_process = airlock creds --account 111111111111 --role ${word}\nregion = eu-west-1\n`,
    );
  });
});
