import { requireApiUser } from "@/lib/auth/session";
import { getDb } from "@/lib/db/client";
import { toErrorResponse } from "@/lib/errors";
import { getEnv } from "@/lib/env";
import { issueCredentials } from "@/lib/federation/issue";
import { getClientInfo } from "@/lib/http/client-info";
import { assertJsonFromAirlock } from "@/lib/http/request-origin";

export const dynamic = "force-dynamic";

// no-transform: nothing between Airlock and the client may rewrite credentials, and it spares
// the small JSON answer the server's gzip pass.
const noStore = { "Cache-Control": "no-store, no-transform" };

// POST /api/credentials: issue STS credentials for an entitled role ({accountId, roleName, durationSeconds?});
// browser cookie (same-origin JSON only) or terminal bearer token
export async function POST(request: Request) {
  const started = performance.now();
  try {
    const user = await requireApiUser({ terminal: true });
    // A cross-site page cannot send an Authorization header without a CORS preflight (never granted).
    if (user.sessionKind !== "terminal") assertJsonFromAirlock(request.headers, getEnv().AIRLOCK_URL);
    const input = await request.json().catch(() => undefined);
    const credentials = await issueCredentials({ db: getDb(), user, input, client: getClientInfo(request.headers) });
    const { stsMs, ...body } = credentials;
    // Server-Timing separates Airlock's own time from the STS round trip (npm run bench reads it).
    const timing = `sts;dur=${stsMs.toFixed(2)}, total;dur=${(performance.now() - started).toFixed(2)}`;
    return Response.json(body, { headers: { ...noStore, "Server-Timing": timing } });
  } catch (error) {
    return toErrorResponse(error, noStore);
  }
}
