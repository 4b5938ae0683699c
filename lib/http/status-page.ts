import { escapeXml } from "@/lib/saml/xml";

/**
 * A short HTML answer for a browser that navigated to an API route (a form post from the IdP, a
 * sign-in link), with a status of its own: a Next page cannot answer 413 or 429. It says what
 * happened and links back to the sign-in page.
 */
export function buildStatusPage({
  status,
  title,
  message,
  headers,
}: {
  status: number;
  title: string;
  message: string;
  headers?: HeadersInit;
}): Response {
  const html = `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>${escapeXml(title)} · Airlock</title></head><body><h1>${escapeXml(title)}</h1><p>${escapeXml(message)}</p><p><a href="/signin">Back to sign-in</a></p></body></html>`;
  const response = new Response(html, { status, headers });
  response.headers.set("Content-Type", "text/html; charset=utf-8");
  response.headers.set("Cache-Control", "no-store");
  return response;
}
