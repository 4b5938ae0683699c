import type { CommandName } from "./args";
import { exitCodes } from "./errors";

/** `airlock --help` and `airlock <command> --help`. */

const commandHelp: Record<CommandName, string> = {
  login: `airlock login [--url URL] [--no-browser]
  Signs this terminal in to Airlock: shows a code, opens the browser where you approve it.
  --url URL      the portal (remembered; AIRLOCK_URL overrides it)
  --no-browser   only print the address to open`,
  status: `airlock status
  Who this terminal is signed in as, until when, and how many roles that gives.`,
  logout: `airlock logout
  Ends this terminal's session on Airlock and forgets it and every cached credential.`,
  ls: `airlock ls [--json]
  Your AWS accounts and roles.
  --json         machine-readable output`,
  creds: `airlock creds --account A --role R [--duration S] [--format F] [--reason TEXT] [--write]
  Temporary AWS credentials, cached until 5 minutes before they expire.
  --account A    account id (12 digits) or name
  --role R       role name
  --duration S   session length in seconds (900 to 43200; default: the role's default, else 1 hour)
  --format F     process (default: credential_process JSON), bash, fish, powershell, cmd, dotenv, json
  --reason TEXT  why you need the access (required by some roles; audited and sent to AWS as a session tag)
  --write        write access on a read-only-first role (otherwise read-only; audited)`,
  config: `airlock config [--write] [--prefix P] [--region R]
  An AWS profile for every role you have, each using \`airlock creds\` as its credential_process.
  --write        replace Airlock's block in ~/.aws/config (or $AWS_CONFIG_FILE); a backup is kept
  --prefix P     put P before every profile name
  --region R     region for the profiles (default: yours in Airlock)`,
  console: `airlock console --account A --role R [--region R] [--destination D] [--reason TEXT] [--write] [--print]
  Opens the AWS console signed in to the role.
  --region R       console region
  --reason TEXT    why you need the access (required by some roles; audited and sent to AWS as a session tag)
  --write          write access on a read-only-first role (otherwise read-only; audited)
  --destination D  console path or service, e.g. /s3/home
  --print          print the sign-in URL (valid 15 minutes; keep it secret) instead of opening it`,
};

const exitCodeLines = [
  [exitCodes.usage, "wrong usage"],
  [exitCodes.not_logged_in, "not signed in: run `airlock login`"],
  [exitCodes.session_ended, "session expired, revoked or suspended: run `airlock login`"],
  [exitCodes.groups_stale, "Airlock must re-check your groups in the browser"],
  [exitCodes.not_entitled, "not entitled to that role (the message names the group to ask for)"],
  [exitCodes.unreachable, "Airlock cannot be reached or is unavailable"],
  [exitCodes.aws_refused, "AWS refused the role (Airlock's explanation follows)"],
  [exitCodes.rate_limited, "too many requests: wait and retry"],
  [exitCodes.login_failed, "sign-in denied or its code expired"],
  [exitCodes.reason_required, "the role requires a reason: pass --reason"],
  [exitCodes.step_up_required, "the role needs a recent sign-in at your identity provider, in the browser"],
  [exitCodes.failed, "anything else"],
] as const;

export function buildHelp(command?: CommandName): string {
  if (command) return `${commandHelp[command]}\n`;
  return [
    "airlock: AWS access from your terminal, through your company's Airlock portal.",
    "",
    "Commands:",
    ...Object.values(commandHelp).map((text) => `  ${text.split("\n")[0]}`),
    "",
    "Start with `airlock login`, then `airlock config --write`, then `aws ... --profile <name>`.",
    "`airlock <command> --help` explains a command.",
    "",
    "Environment: AIRLOCK_URL (portal URL), AIRLOCK_NO_BROWSER=1 (never open a browser), AWS_CONFIG_FILE.",
    "",
    "Exit codes:",
    ...exitCodeLines.map(([code, text]) => `  ${String(code).padStart(2)}  ${text}`),
    "",
  ].join("\n");
}
