import { CliError } from "./errors";

/** Command-line parsing. Pure: argv in, a command and its options out, or a usage error. */

export type FlagSpec = Record<string, "string" | "boolean">;

export const commandFlags = {
  login: { url: "string", "no-browser": "boolean" },
  status: {},
  logout: {},
  ls: { json: "boolean" },
  creds: {
    account: "string",
    role: "string",
    duration: "string",
    format: "string",
    reason: "string",
    write: "boolean",
    "no-browser": "boolean",
  },
  config: { write: "boolean", prefix: "string", region: "string", "no-browser": "boolean" },
  console: {
    account: "string",
    role: "string",
    region: "string",
    destination: "string",
    reason: "string",
    write: "boolean",
    print: "boolean",
    "no-browser": "boolean",
  },
} as const satisfies Record<string, FlagSpec>;

export type CommandName = keyof typeof commandFlags;

export type ParsedArgs =
  | { kind: "help"; command?: CommandName }
  | { kind: "version" }
  | { kind: "command"; command: CommandName; options: Record<string, string | boolean> };

function isCommand(name: string): name is CommandName {
  return Object.hasOwn(commandFlags, name);
}

export function parseArgs(argv: string[]): ParsedArgs {
  const [first, ...rest] = argv;
  if (first === undefined || first === "help" || first === "--help" || first === "-h") {
    const topic = first === "help" ? rest[0] : undefined;
    if (topic !== undefined && !isCommand(topic))
      throw new CliError("usage", `Unknown command "${topic}". Run \`airlock --help\`.`);
    return { kind: "help", command: topic };
  }
  if (first === "--version" || first === "-v" || first === "version") return { kind: "version" };
  if (!isCommand(first)) throw new CliError("usage", `Unknown command "${first}". Run \`airlock --help\`.`);
  const spec: FlagSpec = commandFlags[first];
  const options: Record<string, string | boolean> = {};
  for (let i = 0; i < rest.length; i++) {
    const arg = rest[i];
    if (arg === "--help" || arg === "-h") return { kind: "help", command: first };
    const match = /^--([a-z-]+)(?:=(.*))?$/s.exec(arg);
    if (!match) throw new CliError("usage", `Unexpected argument "${arg}". Run \`airlock ${first} --help\`.`);
    const [, name, inline] = match;
    const type = spec[name];
    if (!type)
      throw new CliError(
        "usage",
        `Unknown option --${name} for \`airlock ${first}\`. Run \`airlock ${first} --help\`.`,
      );
    if (type === "boolean") {
      if (inline !== undefined) throw new CliError("usage", `--${name} takes no value.`);
      options[name] = true;
      continue;
    }
    const value = inline ?? rest[++i];
    if (value === undefined || (inline === undefined && value.startsWith("--")))
      throw new CliError("usage", `--${name} needs a value. Run \`airlock ${first} --help\`.`);
    options[name] = value;
  }
  return { kind: "command", command: first, options };
}

/** A required string option, or a usage error naming it. */
export function requireOption(options: Record<string, string | boolean>, name: string, command: string): string {
  const value = options[name];
  if (typeof value !== "string" || value.trim() === "")
    throw new CliError("usage", `\`airlock ${command}\` needs --${name}. Run \`airlock ${command} --help\`.`);
  return value.trim();
}

/** An optional string option. */
export function stringOption(options: Record<string, string | boolean>, name: string): string | undefined {
  const value = options[name];
  return typeof value === "string" ? value : undefined;
}
