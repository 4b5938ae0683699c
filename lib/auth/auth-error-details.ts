/**
 * What the auth log line and audit row say about an error next-auth's logger reports: the cause's
 * name, message and code, and the OP's error and error_description. next-auth passes either the
 * error or `{ error, error_description?, providerId }`. Tokens and secrets never appear in these
 * fields (openid-client keeps a rejected JWT on the error object, not in its message). Pure.
 */

export type AuthErrorDetails = {
  name?: string;
  message?: string;
  /** The cause's own code (an Airlock refusal's audit reason); `code` in the log is next-auth's. */
  causeCode?: string;
  /** The original error's class, when next-auth wrapped it (OAuthCallbackError keeps only its stack). */
  causeName?: string;
  error?: string;
  errorDescription?: string;
};

const text = (value: unknown, max = 500) => (typeof value === "string" && value ? value.slice(0, max) : undefined);

export function describeAuthError(metadata: unknown): AuthErrorDetails {
  if (typeof metadata !== "object" || metadata === null) return { message: text(String(metadata)) };
  const outer = metadata as Record<string, unknown>;
  const error = (outer.error instanceof Error ? outer.error : metadata) as Record<string, unknown>;
  const stackName = typeof error.stack === "string" ? /^(\w+)(?::|$)/.exec(error.stack)?.[1] : undefined;
  const details: AuthErrorDetails = {
    name: text(error.name),
    message: text(error.message),
    causeCode: text(error.code),
    causeName: stackName && stackName !== error.name ? stackName : undefined,
    // An OP's error answer (OPError, or the callback's own query parameters).
    error: text(error.error) ?? (outer.error instanceof Error ? undefined : text(outer.error)),
    errorDescription: text(error.error_description) ?? text(outer.error_description),
  };
  return Object.fromEntries(Object.entries(details).filter(([, v]) => v !== undefined));
}
