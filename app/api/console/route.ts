import type { NextRequest } from "next/server";
import { requireApiUser } from "@/lib/auth/session";
import { getDb } from "@/lib/db/client";
import { isAppError, toErrorResponse } from "@/lib/errors";
import { openConsole } from "@/lib/portal/open-console";
import { getClientInfo } from "@/lib/http/client-info";
import { isClickOnAirlockPage } from "@/lib/http/request-origin";
import { parseBearerToken } from "@/lib/auth/bearer-token";
import { stepUpPath } from "@/lib/auth/step-up-path";
import { buildGoLink } from "@/lib/portal/go-link";

export const dynamic = "force-dynamic";

const noStore = { "Cache-Control": "no-store" };

type ConsoleQuery = Record<string, string>;

/**
 * The query's parameters, read once: every decision below and the issuance see the same values
 * (a repeated parameter counts by its last non-empty value).
 */
function readQuery(query: URLSearchParams): ConsoleQuery {
  return Object.fromEntries([...query].filter(([, v]) => v !== ""));
}

async function answerTerminal(request: NextRequest, input: ConsoleQuery): Promise<Response> {
  try {
    const user = await requireApiUser({ terminal: true });
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
  const input = readQuery(request.nextUrl.searchParams);
  if (parseBearerToken(request.headers.get("authorization")) !== undefined) return answerTerminal(request, input);
  if (!isClickOnAirlockPage(request.headers) || input.access === "write")
    return new Response(null, { status: 303, headers: { ...noStore, Location: buildGoLink(input) } });
  try {
    const user = await requireApiUser();
    const url = await openConsole({ db: getDb(), user, input, client: getClientInfo(request.headers) });
    return new Response(null, { status: 302, headers: { ...noStore, Location: url } });
  } catch (error) {
    // The /go confirmation asks for the reason the role requires, in a labelled field.
    if (isAppError(error) && error.code === "reason_required")
      return new Response(null, { status: 303, headers: { ...noStore, Location: buildGoLink(input) } });
    // A step-up: through the IdP again, then to the /go confirmation of the same request.
    if (isAppError(error) && error.code === "step_up_required")
      return new Response(null, {
        status: 303,
        headers: { ...noStore, Location: stepUpPath(error, buildGoLink(input)) },
      });
    return toErrorResponse(error, noStore);
  }
}
