"use server";

import { headers } from "next/headers";
import { redirect } from "next/navigation";
import type { OpenConsoleState } from "@/components/portal/confirm-console";
import { requireApiUser } from "@/lib/auth/session";
import { getDb } from "@/lib/db/client";
import { getEnv } from "@/lib/env";
import { AppError, toAppError } from "@/lib/errors";
import { stepUpPath } from "@/lib/auth/step-up-path";
import { buildGoLink } from "@/lib/portal/go-link";
import { openConsole } from "@/lib/portal/open-console";
import { getClientInfo } from "@/lib/http/client-info";
import { classifyRequestOrigin } from "@/lib/http/request-origin";

/**
 * Opens the console once the person confirmed a deep link on Airlock's page. Only a POST from
 * Airlock's own origin (AIRLOCK_URL) is honoured; Next refuses a foreign Origin as well.
 */
export async function openConsoleAction(_state: OpenConsoleState, form: FormData): Promise<OpenConsoleState> {
  let url: string;
  let input: Record<string, string> = {};
  try {
    const requestHeaders = await headers();
    if (classifyRequestOrigin(requestHeaders, getEnv().AIRLOCK_URL) !== "airlock")
      throw new AppError("forbidden", "Open the console from Airlock's own page.");
    const user = await requireApiUser();
    input = Object.fromEntries(
      ["accountId", "roleName", "region", "destination", "reason", "access"].flatMap((name) => {
        const value = form.get(name);
        return typeof value === "string" && value !== "" ? [[name, value]] : [];
      }),
    );
    url = await openConsole({ db: getDb(), user, input, client: getClientInfo(requestHeaders) });
  } catch (error) {
    const known = toAppError(error);
    // A step-up: through the IdP again, then back to this confirmation.
    if (known.code === "step_up_required") redirect(stepUpPath(known, buildGoLink(input)));
    return { error: known.message, code: known.code };
  }
  redirect(url);
}
