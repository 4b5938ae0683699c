"use server";

import { revalidatePath } from "next/cache";
import { z } from "zod";
import type { ActionState } from "@/components/admin/action-form";
import { requireApiAdmin } from "@/lib/auth/session";
import { getDb } from "@/lib/db/client";
import { AppError, toAppError } from "@/lib/errors";
import { liftSuspension, revokeAccess } from "@/lib/people/revoke-access";

// Every action checks admin rights itself: the admin layout's check does not protect these.

const revokeSchema = z.object({
  userId: z.string().min(1).max(64),
  reason: z
    .string()
    .trim()
    .min(3, "Give a reason (it goes to the audit log).")
    .max(500)
    .refine((r) => !/[\u0000-\u001f\u007f]/.test(r), "The reason cannot hold control characters."),
  suspend: z.boolean(),
});

async function run(work: () => Promise<string>): Promise<ActionState> {
  try {
    const ok = await work();
    revalidatePath("/admin/people", "layout");
    return { ok };
  } catch (error) {
    return { error: toAppError(error).message };
  }
}

/** Ends every Airlock session of a person, optionally suspending them. */
export async function revokeAccessAction(_: ActionState, form: FormData): Promise<ActionState> {
  return run(async () => {
    const admin = await requireApiAdmin();
    const parsed = revokeSchema.safeParse({
      userId: form.get("userId"),
      reason: form.get("reason"),
      suspend: form.get("suspend") === "on",
    });
    if (!parsed.success) throw new AppError("invalid_input", parsed.error.issues.map((i) => i.message).join(" "));
    const { userId, reason, suspend } = parsed.data;
    const { sessionsEnded, email } = await revokeAccess({ db: getDb(), admin, userId, reason, suspend });
    return `Access revoked for ${email}: ${sessionsEnded} session${sessionsEnded === 1 ? "" : "s"} ended${suspend ? ", suspended until an admin lifts it" : ""}.`;
  });
}

/** Lets a suspended person sign in again. */
export async function liftSuspensionAction(_: ActionState, form: FormData): Promise<ActionState> {
  return run(async () => {
    const admin = await requireApiAdmin();
    const userId = String(form.get("userId") ?? "");
    const email = await liftSuspension({ db: getDb(), admin, userId });
    return `${email} may sign in again.`;
  });
}
