import {
  assertCmdSafe,
  assertSingleLine,
  CredentialFormatError,
  quoteDotenv,
  quoteFish,
  quotePosix,
  quotePowerShell,
} from "@/lib/aws/credential-quoting";

/**
 * Temporary credentials formatted for the places engineers paste them. Pure. Every format that can
 * carry a region and an expiry carries both: AWS_REGION (the JS SDK) and AWS_DEFAULT_REGION (the
 * AWS CLI and boto3), and AWS_CREDENTIAL_EXPIRATION (ISO 8601, honoured by botocore and the JS
 * SDK). Shell lines start with a space so shells that ignore space-prefixed commands
 * (HISTCONTROL=ignorespace, zsh HIST_IGNORE_SPACE, fish) keep the secrets out of history. Nothing
 * uses `setx`, which would write the secrets into the Windows registry for good.
 */

export { CredentialFormatError, quoteFish, quotePosix, quotePowerShell } from "@/lib/aws/credential-quoting";
export { buildProfileName } from "@/lib/aws/profile-name";

export type TemporaryCredentials = {
  accessKeyId: string;
  secretAccessKey: string;
  sessionToken: string;
  expiration: Date;
};

export type CredentialFormat =
  "bash" | "fish" | "powershell" | "cmd" | "profile" | "configure" | "credential_process" | "dotenv";

/** Every format, in the order and with the names the portal's format tabs show. */
export const credentialFormats: { id: CredentialFormat; label: string }[] = [
  { id: "bash", label: "bash / zsh" },
  { id: "fish", label: "fish" },
  { id: "powershell", label: "PowerShell" },
  { id: "cmd", label: "Windows cmd" },
  { id: "profile", label: "~/.aws/credentials" },
  { id: "configure", label: "aws configure set" },
  // The portal shows this one as the ~/.aws/config profile that runs `airlock creds`, not the JSON.
  { id: "credential_process", label: "credential_process" },
  { id: "dotenv", label: ".env" },
];

export type FormatOptions = {
  /** The profile of the `profile` and `configure` formats (see buildProfileName); default "airlock". */
  profileName?: string;
  /** Required by every format except credential_process: the person's region. */
  region?: string;
};

const regionPattern = /^[a-z]{2}(-gov|-iso[a-z]?)?-[a-z]+-\d{1,2}$/;
const profileNamePattern = /^[a-z0-9](?:[a-z0-9_.-]{0,62}[a-z0-9])?$/;

function requireRegion(format: CredentialFormat, region: string | undefined): string {
  if (!region) throw new CredentialFormatError(`The ${format} format needs a region, such as eu-west-1.`);
  if (!regionPattern.test(region))
    throw new CredentialFormatError(`"${region}" is not an AWS region name, such as eu-west-1.`);
  return region;
}

function requireProfileName(name: string | undefined): string {
  const profile = name ?? "airlock";
  if (!profileNamePattern.test(profile) || profile.includes("--"))
    throw new CredentialFormatError(
      `"${profile}" cannot be a profile name: use lower-case letters, digits and single - _ . between them.`,
    );
  return profile;
}

/** The environment variables of the shell and .env formats, each value on one line. */
function environmentVariables(c: TemporaryCredentials, region: string): [string, string][] {
  const vars: [string, string][] = [
    ["AWS_ACCESS_KEY_ID", c.accessKeyId],
    ["AWS_SECRET_ACCESS_KEY", c.secretAccessKey],
    ["AWS_SESSION_TOKEN", c.sessionToken],
    ["AWS_REGION", region],
    ["AWS_DEFAULT_REGION", region],
    ["AWS_CREDENTIAL_EXPIRATION", c.expiration.toISOString()],
  ];
  return vars.map(([name, value]) => [name, assertSingleLine(name, value)]);
}

/**
 * The ~/.aws/credentials section, ending with a newline so that a second block appended after it
 * starts on its own line. A file with two sections of one name is refused by the AWS CLI and
 * boto3, so the comment says to replace the section (the `configure` format updates it in place).
 */
function formatProfileSection(c: TemporaryCredentials, profile: string, region: string): string {
  const keys: [string, string][] = [
    ["aws_access_key_id", c.accessKeyId],
    ["aws_secret_access_key", c.secretAccessKey],
    ["aws_session_token", c.sessionToken],
    ["region", region],
  ];
  return [
    `[${profile}]`,
    `# Expires ${c.expiration.toISOString()}. To renew, replace this whole section: a second [${profile}] makes the file unreadable.`,
    ...keys.map(([key, value]) => `${key} = ${assertSingleLine(key, value)}`),
    "",
  ].join("\n");
}

/** `aws configure set` commands: they update the profile in place, so renewing never duplicates it. */
function formatConfigureCommands(c: TemporaryCredentials, profile: string, region: string): string {
  const keys: [string, string][] = [
    ["aws_access_key_id", c.accessKeyId],
    ["aws_secret_access_key", c.secretAccessKey],
    ["aws_session_token", c.sessionToken],
    ["region", region],
  ];
  return keys
    .map(
      ([key, value]) =>
        ` aws configure set ${key} ${quotePosix(assertSingleLine(key, value))} --profile ${quotePosix(profile)}`,
    )
    .join("\n");
}

function formatCredentialProcessJson(c: TemporaryCredentials): string {
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
}

/** Throws a CredentialFormatError (with what to do instead) when a value cannot be written safely in `format`. */
export function formatCredentials(
  format: CredentialFormat,
  c: TemporaryCredentials,
  options: FormatOptions = {},
): string {
  if (format === "credential_process") return formatCredentialProcessJson(c);
  const region = requireRegion(format, options.region);
  switch (format) {
    case "profile":
      return formatProfileSection(c, requireProfileName(options.profileName), region);
    case "configure":
      return formatConfigureCommands(c, requireProfileName(options.profileName), region);
  }
  const vars = environmentVariables(c, region);
  switch (format) {
    case "bash":
      return vars.map(([name, value]) => ` export ${name}=${quotePosix(value)}`).join("\n");
    case "fish":
      return vars.map(([name, value]) => ` set -gx ${name} ${quoteFish(value)}`).join("\n");
    case "powershell":
      return vars.map(([name, value]) => ` $Env:${name} = ${quotePowerShell(value)}`).join("\n");
    case "cmd":
      return vars.map(([name, value]) => `set "${name}=${assertCmdSafe(name, value)}"`).join("\r\n");
    case "dotenv":
      return vars.map(([name, value]) => `${name}=${quoteDotenv(name, value)}`).join("\n");
  }
}
