import { buildProfileName, formatCredentials, type CredentialFormat } from "@/lib/aws/credential-formats";
import { callApi, type ApiContext } from "../api";
import { requireOption, stringOption } from "../args";
import { readCachedCredentials, writeCachedCredentials, type IssuedCredentials } from "../creds-cache";
import { fetchEntitlements, findRole, isAccountId } from "../entitlements";
import { CliError } from "../errors";
import { withFreshGroups } from "../fresh-groups";
import { isBrowserAllowed } from "../open-browser";
import { requireSession } from "../session-store";

const formats = {
  process: "credential_process",
  bash: "bash",
  fish: "fish",
  powershell: "powershell",
  cmd: "cmd",
  dotenv: "dotenv",
  json: null,
} as const satisfies Record<string, CredentialFormat | null>;

type FormatName = keyof typeof formats;

/** `--duration` in seconds: a whole number AWS accepts (900 to 43200). Pure. */
export function parseDuration(value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  const seconds = /^\d+$/.test(value.trim()) ? Number(value) : NaN;
  if (!(seconds >= 900 && seconds <= 43_200))
    throw new CliError("usage", `--duration is in seconds, from 900 (15 minutes) to 43200 (12 hours); got "${value}".`);
  return seconds;
}

export function parseFormat(value: string | undefined): FormatName {
  const name = value ?? "process";
  if (!Object.hasOwn(formats, name))
    throw new CliError("usage", `Unknown --format "${name}". Use one of: ${Object.keys(formats).join(", ")}.`);
  return name as FormatName;
}

/** Credentials as the chosen format prints them. Pure. */
export function renderCredentials(format: FormatName, credentials: IssuedCredentials): string {
  const target = formats[format];
  if (target === null) return `${JSON.stringify(credentials, null, 2)}\n`;
  const text = formatCredentials(
    target,
    { ...credentials, expiration: new Date(credentials.expiration) },
    { region: credentials.region, profileName: buildProfileName(credentials) },
  );
  return text.endsWith("\n") ? text : `${text}\n`;
}

type IssueRequest = { account: string; role: string; duration?: number; reason?: string; write: boolean };

async function issue(session: ApiContext, { account, role, duration, reason, write }: IssueRequest) {
  let accountId = account;
  let roleName = role;
  if (!isAccountId(account)) {
    const found = findRole((await fetchEntitlements(session)).roles, account, role);
    accountId = found.accountId;
    roleName = found.roleName;
  }
  return callApi<IssuedCredentials>(session, {
    method: "POST",
    path: "/api/credentials",
    json: {
      accountId,
      roleName,
      ...(duration ? { durationSeconds: duration } : {}),
      ...(reason ? { reason } : {}),
      ...(write ? { access: "write" } : {}),
    },
  });
}

// airlock creds --account A --role R [--duration S] [--format F] [--reason TEXT] [--write]: credentials,
// cached until 5 minutes before expiry (a cached session was issued with a reason already, when its role
// requires one; write access on a read-only-first role is cached apart).
export async function runCreds(options: Record<string, string | boolean>): Promise<void> {
  const account = requireOption(options, "account", "creds");
  const role = requireOption(options, "role", "creds");
  const duration = parseDuration(stringOption(options, "duration"));
  const format = parseFormat(stringOption(options, "format"));
  const reason = stringOption(options, "reason")?.trim() || undefined;
  const write = options.write === true;
  const session = requireSession();
  const key = { url: session.url, account, role, duration, write };
  let credentials = readCachedCredentials(key);
  if (!credentials) {
    credentials = await withFreshGroups(session, { allowBrowser: isBrowserAllowed(options) }, () =>
      issue(session, { account, role, duration, reason, write }),
    );
    writeCachedCredentials(key, credentials);
  }
  process.stdout.write(renderCredentials(format, credentials));
}
