import "server-only";
import { revalidatePath } from "next/cache";
import { z } from "zod";
import type { ActionState } from "@/components/admin/action-form";
import { requireApiAdmin } from "@/lib/auth/session";
import { databaseUnavailableMessage, isDatabaseUnavailable } from "@/lib/db/errors";
import type { Actor } from "@/lib/entitlements/admin";
import { ConfigParseError } from "@/lib/entitlements/config-yaml";
import { isAppError } from "@/lib/errors";
import { log } from "@/lib/log";

// Every admin action goes through `run`, which checks admin rights itself: the admin layout's check
// does not protect Server Actions.

const readFieldErrors = (details: unknown) =>
  fieldErrorsSchema.safeParse((details as { fieldErrors?: unknown } | undefined)?.fieldErrors).data;
const fieldErrorsSchema = z.record(z.string(), z.string());

/** Runs an admin change as the signed-in admin (checked here, on every call) and words its outcome. */
export async function run(work: (actor: Actor) => Promise<string>): Promise<ActionState> {
  try {
    const admin = await requireApiAdmin();
    const ok = await work({ userId: admin.id, email: admin.email });
    revalidatePath("/", "layout");
    return { ok };
  } catch (error) {
    if (isAppError(error)) return { error: error.message, fieldErrors: readFieldErrors(error.details) };
    if (error instanceof ConfigParseError) return { error: error.message };
    if (isDatabaseUnavailable(error)) {
      log.error("database_unavailable", { error });
      return { error: databaseUnavailableMessage };
    }
    log.error("admin_action_failed", { error });
    return { error: "Something went wrong on Airlock's side; nothing was changed." };
  }
}
