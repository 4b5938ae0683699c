import { execFileSync } from "node:child_process";
import { describe, expect, it } from "vitest";
import { blockBegin, blockEnd, buildAwsConfig, listConfigProfiles, quoteCommandWord } from "@/lib/terminal/aws-config";

const roles = [
  { accountId: "222222222222", accountName: "Sandbox", roleName: "Developer" },
  { accountId: "111111111111", accountName: "Acme Prod", roleName: "ReadOnly" },
  { accountId: "111111111111", accountName: "Acme Prod", roleName: "Admin" },
];

/** How botocore splits credential_process lines (shlex.split, POSIX rules): one Python run for all. */
function splitWithShlex(commands: string[]): string[][] {
  const script = "import json,shlex,sys; print(json.dumps([shlex.split(c) for c in json.load(sys.stdin)]))";
  return JSON.parse(
    execFileSync("python3", ["-c", script], { input: JSON.stringify(commands), encoding: "utf8" }),
  ) as string[][];
}

/** How the JS SDK's process provider runs it: /bin/sh -c. */
function splitWithSh(command: string): string[] {
  const script = `set -- ${command}; shift; for a in "$@"; do printf '%s\\0' "$a"; done`;
  return execFileSync("sh", ["-c", script], { encoding: "utf8" }).split("\0").slice(0, -1);
}

describe("AWS config profiles", () => {
  it("writes one profile per role, sorted, inside the markers, ending with a newline", () => {
    const text = buildAwsConfig({ roles, region: "eu-central-1", portalUrl: "https://airlock.example.com" });
    expect(text.startsWith(`${blockBegin}\n`)).toBe(true);
    expect(text.endsWith(`${blockEnd}\n`)).toBe(true);
    expect([...text.matchAll(/^\[profile (.+)\]$/gm)].map((m) => m[1])).toEqual([
      "acme-prod-admin",
      "acme-prod-readonly",
      "sandbox-developer",
    ]);
    expect(text).toContain(
      "[profile sandbox-developer]\ncredential_process = airlock creds --account 222222222222 --role Developer\nregion = eu-central-1\n",
    );
  });

  it("is the same text whatever order the roles come in", () => {
    const options = { region: "us-east-1", portalUrl: "https://a.example" };
    expect(buildAwsConfig({ ...options, roles: [...roles].reverse() })).toBe(buildAwsConfig({ ...options, roles }));
  });

  it("applies the prefix and keeps names free of `--` and odd characters", () => {
    const names = listConfigProfiles({
      roles: [{ accountId: "333333333333", accountName: "R&D -- Lab", roleName: "Data Scientist" }],
      prefix: "acme-",
    }).map((p) => p.name);
    expect(names).toEqual(["acme-r-d-lab-data-scientist"]);
  });

  it("tells apart accounts whose names give the same profile name", () => {
    const names = listConfigProfiles({
      roles: [
        { accountId: "111111111111", accountName: "Dev", roleName: "Admin" },
        { accountId: "222222222222", accountName: "dev", roleName: "Admin" },
      ],
    }).map((p) => p.name);
    expect(names).toEqual(["dev-admin-111111111111", "dev-admin-222222222222"]);
  });

  it("quotes role names so botocore's shlex and /bin/sh both read them back exactly", () => {
    const names = ["Developer", "Deploy+CI=1,x@y.z-_", "it's mine", 'a "b" $HOME `id` ; rm -rf ~ \\ *'];
    const profiles = listConfigProfiles({
      roles: names.map((roleName) => ({ accountId: "111111111111", accountName: "A", roleName })),
    });
    const expected = profiles.map((p) => ["airlock", "creds", "--account", "111111111111", "--role", p.role.roleName]);
    expect(splitWithShlex(profiles.map((p) => p.command))).toEqual(expected);
    expect(profiles.map((p) => splitWithSh(p.command))).toEqual(expected.map((words) => words.slice(1)));
  }, 30_000);

  it("leaves plain words unquoted", () => {
    expect(quoteCommandWord("Developer")).toBe("Developer");
    expect(quoteCommandWord("a b")).toBe("'a b'");
  });

  it("keeps account names with line breaks inside their comment", () => {
    const text = buildAwsConfig({
      roles: [
        { accountId: "111111111111", accountName: "Evil\n[profile default]\ncredential_process = x", roleName: "R" },
      ],
      region: "us-east-1",
      portalUrl: "https://a.example",
    });
    expect(text).not.toMatch(/^\[profile default\]/m);
    expect(text).not.toMatch(/^credential_process = x$/m);
  });

  it("refuses a region that is not one", () => {
    expect(() => buildAwsConfig({ roles, region: "us-east-1\n[default]", portalUrl: "https://a.example" })).toThrow(
      /not an AWS region/,
    );
  });
});

describe("roles from a hostile or broken answer", () => {
  it("writes no profile for a role name or account id with a line break in it", () => {
    const text = buildAwsConfig({
      roles: [
        { accountId: "111111111111", accountName: "A", roleName: "R'\n[profile prod]\ncredential_process = sh -c id" },
        { accountId: "111111111111\ncredential_process = sh -c id", accountName: "B", roleName: "R" },
        { accountId: "222222222222", accountName: "C", roleName: "Developer" },
      ],
      region: "us-east-1",
      portalUrl: "https://a.example",
    });
    expect(text).not.toMatch(/sh -c id/);
    expect(text.match(/^\[profile /gm)).toEqual(["[profile "]);
    expect(text).toMatch(/^\[profile c-developer\]$/m);
  });
});
