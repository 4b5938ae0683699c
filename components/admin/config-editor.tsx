"use client";

import { useState, useTransition } from "react";
import type { ActionState } from "@/components/admin/action-form";

type PlanState = ActionState & { digest?: string; confirmationPhrase?: string | null };
type Shown = { yaml: string; kind: "plan" | "applied"; state: PlanState };

/**
 * Paste YAML, see the dry-run plan, then apply exactly that plan. What is shown always belongs to
 * the text in the box: editing it withdraws the plan (and any earlier result), and Apply sends the
 * plan's digest, which the server refuses if the text or the entitlements changed since.
 */
export function ConfigEditor({
  planAction,
  applyAction,
}: {
  planAction: (yaml: string) => Promise<PlanState>;
  applyAction: (input: { yaml: string; digest: string; confirmation?: string }) => Promise<ActionState>;
}) {
  const [yaml, setYaml] = useState("");
  const [confirmation, setConfirmation] = useState("");
  const [shown, setShown] = useState<Shown | null>(null);
  const [pending, startTransition] = useTransition();
  const current = shown?.yaml === yaml ? shown : null;
  const plan = current?.kind === "plan" && current.state.ok && current.state.digest ? current.state : null;
  const phrase = plan?.confirmationPhrase ?? null;
  const canApply = Boolean(plan) && !pending && (!phrase || confirmation.trim() === phrase);
  const dryRun = () =>
    startTransition(async () => {
      const state = await planAction(yaml);
      setConfirmation("");
      setShown({ yaml, kind: "plan", state });
    });
  const apply = () =>
    startTransition(async () => {
      if (!plan?.digest) return;
      const state = await applyAction({ yaml, digest: plan.digest, confirmation });
      setShown({
        yaml,
        kind: state.ok ? "applied" : "plan",
        state: state.ok ? state : { ...plan, ...state, ok: undefined },
      });
    });
  const result = current?.state;
  return (
    <div className="mt-5">
      <label className="block text-sm font-medium text-slate-700">
        YAML to import
        <textarea
          name="yaml"
          value={yaml}
          onChange={(e) => setYaml(e.target.value)}
          rows={14}
          spellCheck={false}
          className="mt-1 block w-full rounded-md border border-slate-300 bg-white p-2 font-mono text-xs"
        />
      </label>
      {shown && !current && (
        <p role="status" className="mt-2 text-sm text-amber-800">
          The text changed since the last dry run. Run it again to see what applying this text would change.
        </p>
      )}
      {phrase && (
        <label className="mt-3 block text-sm">
          <span className="font-medium text-red-800">
            This plan deletes data. Type <code className="font-mono">{phrase}</code> to apply it.
          </span>
          <input
            value={confirmation}
            onChange={(e) => setConfirmation(e.target.value)}
            autoComplete="off"
            spellCheck={false}
            className="mt-1 block w-full max-w-md rounded-md border border-slate-300 bg-white px-2 py-1.5 font-mono"
          />
        </label>
      )}
      <div className="mt-2 flex gap-2">
        <button
          type="button"
          onClick={dryRun}
          disabled={pending || !yaml}
          className="rounded-lg bg-slate-900 px-3 py-1.5 text-sm font-medium text-white disabled:opacity-60"
        >
          {pending ? "Working…" : "Dry run"}
        </button>
        <button
          type="button"
          onClick={apply}
          disabled={!canApply}
          className="rounded-lg border border-red-300 bg-white px-3 py-1.5 text-sm font-medium text-red-700 hover:bg-red-50 disabled:opacity-60"
        >
          Apply this plan
        </button>
      </div>
      {result && (result.ok || result.error) && (
        <pre
          role={result.error ? "alert" : "status"}
          aria-label={current?.kind === "applied" ? "Result" : "Plan"}
          className={`mt-4 overflow-auto rounded-lg p-3 text-xs whitespace-pre-wrap ${result.error ? "bg-red-50 text-red-800" : "bg-slate-100 text-slate-800"}`}
        >
          {result.error ?? result.ok}
        </pre>
      )}
    </div>
  );
}
