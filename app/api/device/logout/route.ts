import { requireApiUser } from "@/lib/auth/session";
import { getDb } from "@/lib/db/client";
import { AppError, toErrorResponse } from "@/lib/errors";
import { revokeSessions } from "@/lib/sessions/revoke-sessions";

export const dynamic = "force-dynamic";

// POST /api/device/logout: a terminal signs itself out (its bearer token's session is revoked)
export async function POST() {
  try {
    // Signing out grants nothing, so it works with groups past AIRLOCK_GROUPS_MAX_AGE too.
    const user = await requireApiUser({ staleGroupsOk: true, terminal: true });
    if (user.sessionKind !== "terminal")
      throw new AppError("invalid_input", "Only a terminal signs out here (with its bearer token).");
    await revokeSessions({
      db: getDb(),
      userId: user.id,
      only: user.sessionId,
      by: user,
      reason: "terminal signed out",
    });
    return new Response(null, { status: 204, headers: { "Cache-Control": "no-store" } });
  } catch (error) {
    return toErrorResponse(error, { "Cache-Control": "no-store" });
  }
}
