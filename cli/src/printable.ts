/**
 * Text from Airlock's answers as the terminal shows it: without control characters (ANSI escape
 * sequences, carriage returns, C1 controls) or bidirectional overrides, so a message cannot rewrite
 * what is already on screen, hide text, or run terminal commands. Line breaks stay.
 */
export function printable(text: string): string {
  return text.replace(/[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u200e\u200f\u202a-\u202e\u2066-\u2069]/g, "");
}

/**
 * Whether `candidate` is a web page on the portal's own origin: the only pages the CLI opens or
 * sends people to when Airlock names them (the approval page), whatever the answer said.
 */
export function isPortalPage(candidate: string, portalUrl: string): boolean {
  try {
    const url = new URL(candidate);
    return (url.protocol === "https:" || url.protocol === "http:") && url.origin === new URL(portalUrl).origin;
  } catch {
    return false;
  }
}
