import { describe, expect, it } from "vitest";
import { parseArgs, requireOption } from "@/cli/src/args";
import { CliError } from "@/cli/src/errors";

function usageError(argv: string[]): string {
  try {
    parseArgs(argv);
  } catch (error) {
    expect(error).toBeInstanceOf(CliError);
    expect((error as CliError).exitCode).toBe(2);
    return (error as CliError).message;
  }
  throw new Error(`parsed ${JSON.stringify(argv)} without an error`);
}

describe("airlock argument parsing", () => {
  it.each([
    [[], { kind: "help" }],
    [["--help"], { kind: "help" }],
    [["help", "creds"], { kind: "help", command: "creds" }],
    [["creds", "-h"], { kind: "help", command: "creds" }],
    [["--version"], { kind: "version" }],
    [["status"], { kind: "command", command: "status", options: {} }],
    [
      ["login", "--url", "https://a.example", "--no-browser"],
      { kind: "command", command: "login", options: { url: "https://a.example", "no-browser": true } },
    ],
    [["ls", "--json"], { kind: "command", command: "ls", options: { json: true } }],
    [
      ["creds", "--account=111111111111", "--role", "Developer", "--duration", "3600", "--format", "bash"],
      {
        kind: "command",
        command: "creds",
        options: { account: "111111111111", role: "Developer", duration: "3600", format: "bash" },
      },
    ],
    [
      ["config", "--write", "--prefix", "acme-", "--region=eu-west-1"],
      { kind: "command", command: "config", options: { write: true, prefix: "acme-", region: "eu-west-1" } },
    ],
    [
      ["console", "--account", "Sandbox", "--role", "Dev", "--print"],
      { kind: "command", command: "console", options: { account: "Sandbox", role: "Dev", print: true } },
    ],
    // A value may contain "=" and spaces when given inline.
    [
      ["creds", "--account=My Account=1", "--role", "R"],
      { kind: "command", command: "creds", options: { account: "My Account=1", role: "R" } },
    ],
  ] as const)("parses %j", (argv, expected) => {
    expect(parseArgs([...argv])).toEqual(expected);
  });

  it.each([
    [["deploy"], /Unknown command "deploy"/],
    [["help", "deploy"], /Unknown command "deploy"/],
    [["ls", "--format", "x"], /Unknown option --format for `airlock ls`/],
    [["creds", "--account"], /--account needs a value/],
    [["creds", "--account", "--role", "R"], /--account needs a value/],
    [["ls", "--json=yes"], /--json takes no value/],
    [["creds", "extra"], /Unexpected argument "extra"/],
  ] as const)("refuses %j with a usage error (exit 2)", (argv, message) => {
    expect(usageError([...argv])).toMatch(message);
  });

  it("names a missing required option", () => {
    expect(() => requireOption({ role: "R" }, "account", "creds")).toThrow("`airlock creds` needs --account");
    expect(() => requireOption({ account: "  " }, "account", "creds")).toThrow(CliError);
    expect(requireOption({ account: " 111111111111 " }, "account", "creds")).toBe("111111111111");
  });
});
