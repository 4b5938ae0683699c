"use server";

import { revalidatePath } from "next/cache";
import { headers } from "next/headers";
import { redirect } from "next/navigation";
import { z } from "zod";
import type { ActionState } from "@/components/admin/action-form";
import { requireApiUser } from "@/lib/auth/session";
import { getDb } from "@/lib/db/client";
import { isDatabaseUnavailable, databaseUnavailableMessage } from "@/lib/db/errors";
import { isAppError } from "@/lib/errors";
import { getClientInfo } from "@/lib/http/client-info";
import { log } from "@/lib/log";
import { createAccessRequest, decideAccessRequest, endAccessRequest } from "@/lib/requests/access-requests";
import type { RequestActor } from "@/lib/requests/request-view";

// Each action checks the session (and fresh groups) itself: the portal layout does not protect
// Server Actions. Next refuses Server Action calls from other origins.

const fieldErrorsSchema = z.record(z.string(), z.string());

/** Runs one request action as the signed-in person and words its outcome. */
async function run(work: (actor: RequestActor, client: ReturnType<typeof getClientInfo>) => Promise<string>) {
  try {
    const user = await requireApiUser();
    const actor = { id: user.id, email: user.email, groups: user.groups, isAdmin: user.isAdmin };
    const ok = await work(actor, getClientInfo(await headers()));
    revalidatePath("/", "layout");
    return { ok };
  } catch (error) {
    if (isAppError(error))
      return {
        error: error.message,
        fieldErrors: fieldErrorsSchema.safeParse((error.details as { fieldErrors?: unknown })?.fieldErrors).data,
      };
    if (isDatabaseUnavailable(error)) {
      log.error("database_unavailable", { error });
      return { error: databaseUnavailableMessage };
    }
    log.error("request_action_failed", { error });
    return { error: "Something went wrong on Airlock's side; nothing was changed." };
  }
}

const text = (form: FormData, name: string) => {
  const value = form.get(name);
  return typeof value === "string" ? value : "";
};

/** Files a request, then shows it on /requests. */
export async function createRequestAction(_: ActionState, form: FormData): Promise<ActionState> {
  let created: string | undefined;
  const state = await run(async (actor, client) => {
    const request = await createAccessRequest({
      db: getDb(),
      actor,
      client,
      input: {
        accountId: text(form, "accountId"),
        roleName: text(form, "roleName"),
        reason: text(form, "reason"),
        ticket: text(form, "ticket"),
        durationSeconds: Number(text(form, "durationSeconds")),
      },
    });
    created = request.id;
    return "Request sent.";
  });
  if (created) redirect(`/requests#request-${created}`);
  return state;
}

export async function decideRequestAction(_: ActionState, form: FormData): Promise<ActionState> {
  return run(async (actor, client) => {
    const decided = await decideAccessRequest({
      db: getDb(),
      actor,
      client,
      input: {
        requestId: text(form, "requestId"),
        decision: text(form, "decision") as "approve" | "deny",
        comment: text(form, "comment"),
      },
    });
    const who = decided.requester.email;
    if (decided.status === "approved") return `Approved: ${who} has ${decided.accountName} / ${decided.roleName} now.`;
    if (decided.status === "denied") return `Denied ${who}'s request.`;
    return `Approved; ${who}'s request needs one more approval from another approver.`;
  });
}

export async function endRequestAction(_: ActionState, form: FormData): Promise<ActionState> {
  return run(async (actor, client) => {
    const ended = await endAccessRequest({ db: getDb(), actor, client, requestId: text(form, "requestId") });
    return ended.status === "ended" ? "Access ended." : "Request withdrawn.";
  });
}
