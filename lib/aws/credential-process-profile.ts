import { quotePosix } from "@/lib/aws/credential-quoting";

/**
 * The ~/.aws/config profile that gets a role's credentials from the `airlock` command whenever an
 * AWS client needs them (`credential_process`), instead of a pasted JSON blob that stops working
 * when it expires. Pure. The AWS CLI and boto3 split the command as a POSIX shell would and the JS
 * SDK runs it through /bin/sh, so words are quoted only when they hold anything but safe characters.
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
  const word = (value: string) => (/^[\w+=,.@/-]+$/.test(value) ? value : quotePosix(value));
  return [
    `[profile ${profileName}]`,
    `credential_process = airlock creds --account ${word(accountId)} --role ${word(roleName)}`,
    `region = ${region}`,
    "",
  ].join("\n");
}
