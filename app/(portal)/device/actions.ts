"use server";

import { headers } from "next/headers";
import { redirect } from "next/navigation";
import { requireUser } from "@/lib/auth/session";
import { getDb } from "@/lib/db/client";
import { decideDeviceAuthorization } from "@/lib/device/decide-authorization";
import { getEnv } from "@/lib/env";
import { isAppError } from "@/lib/errors";
import { getClientInfo } from "@/lib/http/client-info";
import { classifyRequestOrigin } from "@/lib/http/request-origin";

async function decide(form: FormData, decision: "approve" | "deny"): Promise<never> {
  const userCode = String(form.get("user_code") ?? "").slice(0, 64);
  // The same guard as the page, again: the session may have ended or its groups gone stale since.
  const user = await requireUser(`/device?user_code=${encodeURIComponent(userCode)}`);
  const requestHeaders = await headers();
  if (classifyRequestOrigin(requestHeaders, getEnv().AIRLOCK_URL) !== "airlock") redirect("/device?result=foreign");
  let result: string;
  try {
    const decided = await decideDeviceAuthorization({
      db: getDb(),
      user,
      userCode,
      decision,
      client: getClientInfo(requestHeaders),
    });
    result = decided ? (decision === "approve" ? "approved" : "denied") : "gone";
  } catch (error) {
    if (!isAppError(error) || error.code !== "rate_limited") throw error;
    result = "rate_limited";
  }
  redirect(`/device?result=${result}`);
}

/** Approves the terminal sign-in the code names (re-checks the session and that the code is still pending). */
export async function approveDeviceAction(form: FormData): Promise<void> {
  await decide(form, "approve");
}

/** Denies the terminal sign-in the code names. */
export async function denyDeviceAction(form: FormData): Promise<void> {
  await decide(form, "deny");
}
