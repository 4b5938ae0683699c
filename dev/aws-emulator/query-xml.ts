import type { StsError } from "./sts-error";

/** The XML envelopes of AWS's Query APIs (STS, IAM): a result or an error, always with a RequestId. */

/** An action's answer and what the request log records about it. */
export type QueryOutcome = { xml: string; log: Record<string, unknown> };

export const escapeXml = (v: string) => v.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

/** `<ActionResponse><ActionResult>…</ActionResult><ResponseMetadata>…`; no Result element when `result` is undefined. */
export function buildResponseXml(
  namespace: string,
  action: string,
  result: string | undefined,
  requestId: string,
): string {
  const body = result === undefined ? "" : `  <${action}Result>\n${result}  </${action}Result>\n`;
  return `<${action}Response xmlns="${namespace}">\n${body}  <ResponseMetadata>\n    <RequestId>${requestId}</RequestId>\n  </ResponseMetadata>\n</${action}Response>\n`;
}

export function buildErrorXml(namespace: string, error: StsError, requestId: string): string {
  return `<ErrorResponse xmlns="${namespace}">\n  <Error>\n    <Type>${error.type}</Type>\n    <Code>${escapeXml(error.code)}</Code>\n    <Message>${escapeXml(error.message)}</Message>\n  </Error>\n  <RequestId>${requestId}</RequestId>\n</ErrorResponse>\n`;
}
