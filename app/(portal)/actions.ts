"use server";

import { revalidatePath } from "next/cache";
import { z } from "zod";
import type { ActionState } from "@/components/admin/action-form";
import { requireApiUser } from "@/lib/auth/session";
import { getDb } from "@/lib/db/client";
import { toAppError } from "@/lib/errors";
import { setFavorite } from "@/lib/portal/home-data";
import { revokeSessions } from "@/lib/sessions/revoke-sessions";

const favoriteSchema = z.object({ roleId: z.string().min(1).max(64), favorite: z.boolean() });

/** Pins or unpins a role on the caller's home page. Rechecks the session and the entitlement. */
export async function toggleFavoriteAction(input: {
  roleId: string;
  favorite: boolean;
}): Promise<{ favorite: boolean }> {
  // A favorite grants nothing, so groups past AIRLOCK_GROUPS_MAX_AGE do not block it.
  const user = await requireApiUser({ staleGroupsOk: true });
  const { roleId, favorite } = favoriteSchema.parse(input);
  return { favorite: await setFavorite({ db: getDb(), userId: user.id, groups: user.groups, roleId, favorite }) };
}

/** Ends every other session of the caller (browsers and terminals); this one stays. */
export async function signOutElsewhereAction(): Promise<ActionState> {
  try {
    // Ending sessions grants nothing, so it works with groups past AIRLOCK_GROUPS_MAX_AGE too.
    const user = await requireApiUser({ staleGroupsOk: true });
    const count = await revokeSessions({
      db: getDb(),
      userId: user.id,
      except: user.sessionId,
      by: user,
      reason: "signed out everywhere else",
    });
    revalidatePath("/sessions");
    return { ok: `Signed out of ${count} other session${count === 1 ? "" : "s"}.` };
  } catch (error) {
    return { error: toAppError(error).message };
  }
}

const sessionIdSchema = z.string().regex(/^[0-9a-f]{64}$/);

/** Ends one of the caller's own sessions (a terminal or another browser) from "Your sessions". */
export async function revokeSessionAction(form: FormData): Promise<void> {
  // Ending a session grants nothing, so it works with groups past AIRLOCK_GROUPS_MAX_AGE too.
  const user = await requireApiUser({ staleGroupsOk: true });
  const id = sessionIdSchema.parse(form.get("sessionId"));
  // Only the caller's own sessions match (revokeSessions filters by the person).
  await revokeSessions({ db: getDb(), userId: user.id, only: id, by: user, reason: "signed out from Your sessions" });
  revalidatePath("/sessions");
}
