"use server";

import { z } from "zod";
import { run } from "@/app/admin/run-admin-action";
import type { ActionState } from "@/components/admin/action-form";
import { getDb } from "@/lib/db/client";
import { applyEntitlements, reviewEntitlements } from "@/lib/entitlements/config-apply";
import { describeChange, summarizePlan } from "@/lib/entitlements/config-plan";
import { parseEntitlementsYaml } from "@/lib/entitlements/config-yaml";
import { AppError } from "@/lib/errors";

// Config as code from the admin console. Each action checks admin rights itself (through `run`).

const MAX_YAML = 1_000_000;
const applyInputSchema = z.object({
  yaml: z.string().max(MAX_YAML),
  digest: z.string().regex(/^[0-9a-f]{64}$/),
  confirmation: z.string().max(200).optional(),
});

export type PlanState = ActionState & { digest?: string; confirmationPhrase?: string | null };

/** Dry run: the plan for exactly this text, with the digest Apply must present. */
export async function planConfigAction(yaml: string): Promise<PlanState> {
  let reviewed: { digest: string; confirmationPhrase: string | null } | undefined;
  const state = await run(async () => {
    if (typeof yaml !== "string" || yaml.length > MAX_YAML)
      throw new AppError("invalid_input", "The YAML is larger than 1 MB; apply it with npm run entitlements.");
    const text = yaml;
    const plan = await reviewEntitlements({ db: getDb(), text, config: parseEntitlementsYaml(text) });
    reviewed = plan;
    return [`Dry run: ${summarizePlan(plan.changes)}`, ...plan.changes.map(describeChange)].join("\n");
  });
  return { ...state, ...reviewed };
}

/** Applies the plan shown for `yaml`, refused if the text or the entitlements changed since. */
export async function applyConfigAction(input: z.input<typeof applyInputSchema>): Promise<ActionState> {
  return run(async (actor) => {
    const parsed = applyInputSchema.safeParse(input);
    if (!parsed.success) throw new AppError("invalid_input", "Run the dry run again, then apply the plan it shows.");
    const { yaml, digest, confirmation } = parsed.data;
    const changes = await applyEntitlements({
      db: getDb(),
      config: parseEntitlementsYaml(yaml),
      actor: actor.email,
      userId: actor.userId,
      guard: { kind: "reviewed", text: yaml, digest, confirmation },
    });
    return [`Applied. ${summarizePlan(changes)}`, ...changes.map(describeChange)].join("\n");
  });
}
