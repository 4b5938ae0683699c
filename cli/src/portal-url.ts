import { CliError } from "./errors";

const loopbackHosts = new Set(["localhost", "127.0.0.1", "[::1]"]);

/**
 * The portal's base URL, normalised (no trailing slash, no query). Plain http is accepted only
 * for this machine: anywhere else the bearer token would cross the network in clear text.
 */
export function normalizePortalUrl(input: string): string {
  let url: URL;
  try {
    url = new URL(input.trim());
  } catch {
    throw new CliError(
      "usage",
      `"${input}" is not a URL. Pass the portal's address, e.g. --url https://airlock.example.com`,
    );
  }
  if (url.protocol !== "https:" && !(url.protocol === "http:" && loopbackHosts.has(url.hostname)))
    throw new CliError("usage", `Airlock's URL must start with https:// (got ${url.protocol}//${url.host}).`);
  if (url.username || url.password)
    throw new CliError("usage", "Airlock's URL cannot contain a user name or password.");
  return `${url.origin}${url.pathname.replace(/\/+$/, "")}`;
}
