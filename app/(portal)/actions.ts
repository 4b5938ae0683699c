"use server";

import { requireApiUser } from "@/lib/auth/session";
import { getDb } from "@/lib/db/client";
import { setFavorite } from "@/lib/portal/home-data";
import { z } from "zod";

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
