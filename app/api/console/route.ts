import type { NextRequest } from "next/server";
import { requireApiUser } from "@/lib/auth/session";
import { getDb } from "@/lib/db/client";
import { isAppError, toErrorResponse } from "@/lib/errors";
import { openConsole } from "@/lib/portal/open-console";
import { getClientInfo } from "@/lib/http/client-info";
import { isClickOnAirlockPage } from "@/lib/http/request-origin";
import { parseBearerToken } from "@/lib/auth/bearer-token";

export const dynamic = "force-dynamic";

const noStore = { "Cache-Control": "no-store" };

/** The same request as a /go deep link, whose confirmation page asks for a click before issuing. */
function goLink(query: URLSearchParams): string {
  const link = new URLSearchParams({ account: query.get("accountId") ?? "", role: query.get("roleName") ?? "" });
  for (const name of ["region", "destination", "access"]) if (query.get(name)) link.set(name, query.get(name)!);
  return `/go?${link}`;
}

async function answerTerminal(request: NextRequest, query: URLSearchParams): Promise<Response> {
  try {
    const user = await requireApiUser({ terminal: true });
    const input = Object.fromEntries([...query].filter(([, v]) => v !== ""));
    const url = await openConsole({ db: getDb(), user, input, client: getClientInfo(request.headers) });
    return Response.json({ url }, { headers: noStore });
  } catch (error) {
    return toErrorResponse(error, noStore);
  }
}

// GET /api/console?accountId=&roleName=&region=&destination=&access=: 302 to the AWS console sign-in URL
// when clicked on Airlock's own page; from anywhere else, and for write access on a read-only-first
// role, 303 to the /go confirmation with the same parameters (a terminal's bearer token gets the URL
// as JSON instead: the CLI opens or prints it)
export async function GET(request: NextRequest) {
  const query = request.nextUrl.searchParams;
  if (parseBearerToken(request.headers.get("authorization")) !== undefined) return answerTerminal(request, query);
  if (!isClickOnAirlockPage(request.headers) || query.get("access") === "write")
    return new Response(null, { status: 303, headers: { ...noStore, Location: goLink(query) } });
  try {
    const user = await requireApiUser();
    const input = Object.fromEntries([...query].filter(([, v]) => v !== ""));
    const url = await openConsole({ db: getDb(), user, input, client: getClientInfo(request.headers) });
    return new Response(null, { status: 302, headers: { ...noStore, Location: url } });
  } catch (error) {
    // The /go confirmation asks for the reason the role requires, in a labelled field.
    if (isAppError(error) && error.code === "reason_required")
      return new Response(null, { status: 303, headers: { ...noStore, Location: goLink(query) } });
    return toErrorResponse(error, noStore);
  }
}
