import { parseArgs, type ParsedArgs } from "./args";
import { runConfig } from "./commands/config";
import { runConsole } from "./commands/console";
import { runCreds } from "./commands/creds";
import { runLogin } from "./commands/login";
import { runLogout } from "./commands/logout";
import { runLs } from "./commands/ls";
import { runStatus } from "./commands/status";
import { CliError, exitCodes } from "./errors";
import { buildHelp } from "./help";
import { printable } from "./printable";
import { cliVersion } from "./version";

async function run(parsed: ParsedArgs): Promise<void> {
  if (parsed.kind === "help") return void process.stdout.write(buildHelp(parsed.command));
  if (parsed.kind === "version") return void process.stdout.write(`airlock ${cliVersion}\n`);
  const { command, options } = parsed;
  switch (command) {
    case "login":
      return runLogin(options);
    case "status":
      return runStatus();
    case "logout":
      return runLogout();
    case "ls":
      return runLs(options);
    case "creds":
      return runCreds(options);
    case "config":
      return runConfig(options);
    case "console":
      return runConsole(options);
  }
}

/** Runs one command; every failure is one line on stderr and its documented exit code. */
export async function main(argv: string[]): Promise<number> {
  try {
    await run(parseArgs(argv));
    return 0;
  } catch (error) {
    if (error instanceof CliError) {
      process.stderr.write(`airlock: ${printable(error.message)}\n`);
      return error.exitCode;
    }
    const detail = error instanceof Error ? error.message : String(error);
    process.stderr.write(`airlock: unexpected error: ${printable(detail)}\n`);
    return exitCodes.failed;
  }
}
