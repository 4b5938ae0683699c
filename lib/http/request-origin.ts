import { AppError } from "@/lib/errors";

/**
 * Where a request comes from, as the browser says: its Origin against Airlock's public origin
 * (AIRLOCK_URL, the origin people use), else Sec-Fetch-Site. "unknown" when no browser said
 * anything: the CLI, curl, or a browser too old to send either header.
 */
export function classifyRequestOrigin(headers: Headers, publicUrl: string): "airlock" | "foreign" | "unknown" {
  const origin = headers.get("origin");
  if (origin !== null) return origin === new URL(publicUrl).origin ? "airlock" : "foreign";
  const site = headers.get("sec-fetch-site");
  if (site === "same-origin") return "airlock";
  return site === "same-site" || site === "cross-site" ? "foreign" : "unknown";
}

/**
 * Whether a navigation is a person's click on one of Airlock's own pages (same origin and user
 * activated), the only GET that may issue AWS access without asking. A link or script on another
 * site, a typed or bookmarked URL, and Airlock's own scripted hops (the redirect after sign-in,
 * which goes where a callbackUrl says) all get the confirmation page instead.
 */
export function isClickOnAirlockPage(headers: Headers): boolean {
  return headers.get("sec-fetch-site") === "same-origin" && headers.get("sec-fetch-user") === "?1";
}

/**
 * For endpoints that issue from a JSON body: refuses a foreign origin (403), then anything but
 * application/json (415), since a form or text/plain body can be sent from any site without a
 * CORS preflight. Callers that send no Origin (the CLI, curl) pass.
 */
export function assertJsonFromAirlock(headers: Headers, publicUrl: string): void {
  if (classifyRequestOrigin(headers, publicUrl) === "foreign")
    throw new AppError("forbidden", "Requests from other sites are refused: use Airlock's own pages or the CLI.");
  const mediaType = headers.get("content-type")?.split(";")[0].trim().toLowerCase();
  if (mediaType !== "application/json")
    throw new AppError("unsupported_media_type", "Send the request as JSON (Content-Type: application/json).");
}
