/**
 * Quoting of credential values for the languages they are pasted into. Pure. Each function either
 * returns text that the target reads back as exactly `value`, or throws a {@link CredentialFormatError}
 * saying which value cannot be written there and what to use instead.
 */

export class CredentialFormatError extends Error {
  override name = "CredentialFormatError";
}

/** POSIX single quotes: nothing inside is special; a quote becomes '\''. */
export function quotePosix(value: string): string {
  return `'${value.replace(/'/g, `'\\''`)}'`;
}

/** fish single quotes: only \ and ' are special inside. */
export function quoteFish(value: string): string {
  return `'${value.replace(/[\\']/g, (c) => `\\${c}`)}'`;
}

/** PowerShell single quotes: a quote (including the typographic ones PowerShell accepts) is doubled. */
export function quotePowerShell(value: string): string {
  return `'${value.replace(/['‘’‚‛]/g, (c) => c + c)}'`;
}

/** cmd: `set "NAME=value"` keeps & | < > literal; % ^ ! and " cannot be made safe there. */
export function assertCmdSafe(name: string, value: string): string {
  if (/[%"^!\r\n]/.test(value))
    throw new CredentialFormatError(
      `${name} contains a character Windows cmd cannot quote (% " ^ !): use the PowerShell format instead.`,
    );
  return value;
}

/**
 * .env files: single quotes, which npm's dotenv (and Next's @next/env), python-dotenv and docker
 * compose all read literally. Inside them a quote cannot be written at all, python-dotenv undoes
 * `\\` and `\'`, and Next expands `$NAME` (dotenv-expand), so values holding ' \ or $ are refused.
 */
export function quoteDotenv(name: string, value: string): string {
  if (/['\\$\r\n]/.test(value))
    throw new CredentialFormatError(
      `${name} contains a character a .env file cannot hold literally (' \\ $ or a line break): use a shell format instead.`,
    );
  return `'${value}'`;
}

/** Line-based formats (INI, shell lines) cannot carry a line break inside a value. */
export function assertSingleLine(name: string, value: string): string {
  if (/[\r\n\u2028\u2029]/.test(value))
    throw new CredentialFormatError(`${name}: credential values cannot span lines.`);
  return value;
}
