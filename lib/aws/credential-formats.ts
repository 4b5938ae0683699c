/**
 * Temporary credentials formatted for the places engineers paste them. Pure. Shell lines start
 * with a space so shells that ignore space-prefixed commands (HISTCONTROL=ignorespace, zsh
 * HIST_IGNORE_SPACE, fish) keep the secrets out of history. Nothing uses `setx`, which would
 * write the secrets into the Windows registry for good.
 */

export type TemporaryCredentials = {
  accessKeyId: string;
  secretAccessKey: string;
  sessionToken: string;
  expiration: Date;
};

export type CredentialFormat = "bash" | "fish" | "powershell" | "cmd" | "profile" | "credential_process" | "dotenv";

export const credentialFormats: { id: CredentialFormat; label: string }[] = [
  { id: "bash", label: "bash / zsh" },
  { id: "fish", label: "fish" },
  { id: "powershell", label: "PowerShell" },
  { id: "cmd", label: "Windows cmd" },
  { id: "profile", label: "~/.aws/credentials" },
  { id: "credential_process", label: "credential_process JSON" },
  { id: "dotenv", label: ".env" },
];

function variables(c: TemporaryCredentials): [string, string][] {
  return [
    ["AWS_ACCESS_KEY_ID", c.accessKeyId],
    ["AWS_SECRET_ACCESS_KEY", c.secretAccessKey],
    ["AWS_SESSION_TOKEN", c.sessionToken],
  ];
}

/** POSIX single quotes: nothing inside is special; a quote becomes '\''. */
export function quotePosix(value: string): string {
  return `'${value.replace(/'/g, `'\\''`)}'`;
}

/** fish single quotes: only \ and ' are special inside. */
export function quoteFish(value: string): string {
  return `'${value.replace(/[\\']/g, (c) => `\\${c}`)}'`;
}

/** PowerShell single quotes: a quote is doubled; nothing is interpolated. */
export function quotePowerShell(value: string): string {
  return `'${value.replace(/['‘’‚‛]/g, (c) => c + c)}'`;
}

/** cmd: `set "NAME=value"` keeps & | < > literal; % and ^ and " cannot be made safe there. */
function assertCmdSafe(value: string): string {
  if (/[%"^!\r\n]/.test(value)) throw new Error("value contains characters Windows cmd cannot quote");
  return value;
}

/** .env files: single quotes are literal in dotenv; a value holding one gets escaped double quotes. */
export function quoteDotenv(value: string): string {
  if (!value.includes("'")) return `'${value}'`;
  return `"${value.replace(/[\\"$`]/g, (c) => `\\${c}`)}"`;
}

function assertSingleLine(value: string): string {
  if (/[\r\n]/.test(value)) throw new Error("credential values cannot span lines");
  return value;
}

/** Profile name for ~/.aws/credentials: account name and role, lower-case, INI-safe. */
export function buildProfileName({ accountName, roleName }: { accountName: string; roleName: string }): string {
  const slug = `${accountName}-${roleName}`
    .toLowerCase()
    .replace(/[^a-z0-9_.-]+/g, "-")
    .replace(/^-+|-+$/g, "");
  return slug || "airlock";
}

export function formatCredentials(
  format: CredentialFormat,
  c: TemporaryCredentials,
  options: { profileName?: string; region?: string } = {},
): string {
  const vars = variables(c).map(([name, value]) => [name, assertSingleLine(value)] as [string, string]);
  if (options.region) vars.push(["AWS_REGION", options.region]);
  switch (format) {
    case "bash":
      return vars.map(([name, value]) => ` export ${name}=${quotePosix(value)}`).join("\n");
    case "fish":
      return vars.map(([name, value]) => ` set -gx ${name} ${quoteFish(value)}`).join("\n");
    case "powershell":
      return vars.map(([name, value]) => ` $Env:${name} = ${quotePowerShell(value)}`).join("\n");
    case "cmd":
      return vars.map(([name, value]) => `set "${name}=${assertCmdSafe(value)}"`).join("\r\n");
    case "profile": {
      const lines = [
        `[${options.profileName ?? "airlock"}]`,
        `aws_access_key_id = ${c.accessKeyId}`,
        `aws_secret_access_key = ${c.secretAccessKey}`,
        `aws_session_token = ${c.sessionToken}`,
      ];
      if (options.region) lines.push(`region = ${options.region}`);
      return lines.join("\n");
    }
    case "credential_process":
      return JSON.stringify(
        {
          Version: 1,
          AccessKeyId: c.accessKeyId,
          SecretAccessKey: c.secretAccessKey,
          SessionToken: c.sessionToken,
          Expiration: c.expiration.toISOString(),
        },
        null,
        2,
      );
    case "dotenv":
      return vars.map(([name, value]) => `${name}=${quoteDotenv(value)}`).join("\n");
  }
}
