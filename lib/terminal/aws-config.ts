import { buildProfileName } from "@/lib/aws/credential-formats";
import { quotePosix } from "@/lib/aws/credential-quoting";

/**
 * The `~/.aws/config` profiles for a person's roles, each fetching its credentials through
 * `airlock creds`. Pure: `airlock config` and the portal's "Download my AWS config" both print
 * exactly this block.
 */

export type ConfigRole = { accountId: string; accountName: string; roleName: string };

export type AwsConfigOptions = {
  roles: ConfigRole[];
  /** Region written into every profile. */
  region: string;
  /** Prepended to every profile name, e.g. "acme-". */
  prefix?: string;
  /** The portal the profiles came from, shown in the block's header. */
  portalUrl: string;
};

export const blockBegin = "# >>> airlock managed profiles >>>";
export const blockEnd = "# <<< airlock managed profiles <<<";

const plainWord = /^[A-Za-z0-9_.,:@%+=/-]+$/;

/**
 * One word for both consumers of `credential_process`: botocore splits it with Python's
 * `shlex.split` (POSIX rules) and the JS SDK hands it to `/bin/sh -c`. POSIX single quotes mean
 * the same to both; a quote inside becomes '\''.
 */
export function quoteCommandWord(value: string): string {
  return plainWord.test(value) ? value : quotePosix(value);
}

/** A profile name INI and both SDKs read back unchanged: lower-case letters, digits, `_ . -`. */
export function buildConfigProfileName(role: ConfigRole, prefix = ""): string {
  const name = `${prefix}${buildProfileName(role)}`
    .toLowerCase()
    .replace(/[^a-z0-9_.-]+/g, "-")
    .replace(/-{2,}/g, "-")
    .replace(/^-+|-+$/g, "");
  return name || "airlock";
}

export type ConfigProfile = { name: string; role: ConfigRole; command: string };

/** The `credential_process` command that gets one role's credentials from the `airlock` command. */
export function buildCredentialProcessCommand({ accountId, roleName }: Pick<ConfigRole, "accountId" | "roleName">) {
  return ["airlock", "creds", "--account", accountId, "--role", roleName].map(quoteCommandWord).join(" ");
}

/**
 * A role whose account id or role name holds a control character (a line break would end the
 * `credential_process` line and start INI lines of the answer's choosing) gets no profile: IAM
 * allows neither, so only a hostile or broken answer has one.
 */
export function isWritableRole({ accountId, roleName }: ConfigRole): boolean {
  return !/[\u0000-\u001f\u007f]/.test(accountId + roleName);
}

function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/**
 * Profile names and their `credential_process` commands; a repeated name gets the account id.
 * Sorted by account name, role name, account id: the same order whoever asks, in any locale.
 */
export function listConfigProfiles({
  roles: input,
  prefix = "",
}: Pick<AwsConfigOptions, "roles" | "prefix">): ConfigProfile[] {
  const roles = input
    .filter(isWritableRole)
    .sort(
      (a, b) =>
        compareText(a.accountName.toLowerCase(), b.accountName.toLowerCase()) ||
        compareText(a.roleName.toLowerCase(), b.roleName.toLowerCase()) ||
        compareText(a.accountId, b.accountId),
    );
  const counts = new Map<string, number>();
  for (const role of roles) {
    const name = buildConfigProfileName(role, prefix);
    counts.set(name, (counts.get(name) ?? 0) + 1);
  }
  return roles.map((role) => {
    const base = buildConfigProfileName(role, prefix);
    const name = counts.get(base)! > 1 ? `${base}-${role.accountId}` : base;
    return { name, role, command: buildCredentialProcessCommand(role) };
  });
}

/**
 * The ~/.aws/config profile that gets a role's credentials from the `airlock` command whenever an
 * AWS client needs them (`credential_process`), instead of a pasted JSON blob that stops working
 * when it expires. Pure; the same command as `airlock config` writes.
 */
export function formatCredentialProcessProfile({
  profileName,
  accountId,
  roleName,
  region,
}: {
  profileName: string;
  accountId: string;
  roleName: string;
  region: string;
}): string {
  return [
    `[profile ${profileName}]`,
    `credential_process = ${buildCredentialProcessCommand({ accountId, roleName })}`,
    `region = ${region}`,
    "",
  ].join("\n");
}

/** Text for a comment line: no line break can end the comment early. */
function toCommentText(value: string): string {
  return value.replace(/[\u0000-\u001f\u007f]+/g, " ");
}

function assertRegion(region: string): string {
  if (!/^[a-z]{2}(-[a-z]+)+-\d+$/.test(region)) throw new Error(`"${region}" is not an AWS region name`);
  return region;
}

/** The marked block, ending with a newline, that `airlock config --write` keeps in ~/.aws/config. */
export function buildAwsConfig(options: AwsConfigOptions): string {
  const region = assertRegion(options.region);
  const lines = [
    blockBegin,
    `# From ${toCommentText(options.portalUrl)}. Run \`airlock config --write\` to update;`,
    "# changes made inside this block are replaced.",
  ];
  for (const profile of listConfigProfiles(options)) {
    lines.push(
      "",
      `# ${toCommentText(`${profile.role.accountName} (${profile.role.accountId}), role ${profile.role.roleName}`)}`,
      `[profile ${profile.name}]`,
      `credential_process = ${profile.command}`,
      `region = ${region}`,
    );
  }
  lines.push(blockEnd);
  return `${lines.join("\n")}\n`;
}
