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
  const user = await requireApiUser();
  const { roleId, favorite } = favoriteSchema.parse(input);
  return { favorite: await setFavorite({ db: getDb(), userId: user.id, groups: user.groups, roleId, favorite }) };
}
