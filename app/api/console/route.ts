import type { NextRequest } from "next/server";
import { requireApiUser } from "@/lib/auth/session";
import { getDb } from "@/lib/db/client";
import { toErrorResponse } from "@/lib/errors";
import { requestConsoleUrl } from "@/lib/federation/requests";
import { getClientInfo } from "@/lib/http/client-info";
import { isClickOnAirlockPage } from "@/lib/http/request-origin";

export const dynamic = "force-dynamic";

const noStore = { "Cache-Control": "no-store" };

/** The same request as a /go deep link, whose confirmation page asks for a click before issuing. */
function goLink(query: URLSearchParams): string {
  const link = new URLSearchParams({ account: query.get("accountId") ?? "", role: query.get("roleName") ?? "" });
  for (const name of ["region", "destination"]) if (query.get(name)) link.set(name, query.get(name)!);
  return `/go?${link}`;
}

// GET /api/console?accountId=&roleName=&region=&destination=: 302 to the AWS console sign-in URL when clicked
// on Airlock's own page; from anywhere else, 303 to the /go confirmation with the same parameters
export async function GET(request: NextRequest) {
  const query = request.nextUrl.searchParams;
  if (!isClickOnAirlockPage(request.headers))
    return new Response(null, { status: 303, headers: { ...noStore, Location: goLink(query) } });
  try {
    const user = await requireApiUser();
    const input = Object.fromEntries([...query].filter(([, v]) => v !== ""));
    const url = await requestConsoleUrl({ db: getDb(), user, input, client: getClientInfo(request.headers) });
    return new Response(null, { status: 302, headers: { ...noStore, Location: url } });
  } catch (error) {
    return toErrorResponse(error, noStore);
  }
}
