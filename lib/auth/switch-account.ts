/**
 * Redeeming a login ticket while another person's session is open asks the person first rather
 * than switching silently. next-auth hands only an error string from `authorize` to the page, so
 * the question travels as `SwitchAccount:<email the ticket signs in as>`.
 */
const prefix = "SwitchAccount:";

export const buildSwitchAccountError = (email: string) => `${prefix}${email}`;

/** The email the ticket would sign in as, when the error is that question. */
export function parseSwitchAccountError(error: string | null | undefined): string | undefined {
  return error?.startsWith(prefix) ? error.slice(prefix.length) : undefined;
}
