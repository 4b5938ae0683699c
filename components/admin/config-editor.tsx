"use client";

import { useActionState, useState } from "react";
import type { ActionState } from "@/components/admin/action-form";

type Action = (state: ActionState, form: FormData) => Promise<ActionState>;

/** Paste YAML, see the dry-run diff, then apply exactly what was reviewed. */
export function ConfigEditor({ planAction, applyAction }: { planAction: Action; applyAction: Action }) {
  const [yaml, setYaml] = useState("");
  const [planned, setPlanned] = useState<string | null>(null);
  const [plan, runPlan, planning] = useActionState(planAction, {});
  const [applied, runApply, applying] = useActionState(applyAction, {});
  const result = applied.ok || applied.error ? applied : plan;
  return (
    <div className="mt-5">
      <form action={runPlan} onSubmit={() => setPlanned(yaml)}>
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
        <div className="mt-2 flex gap-2">
          <button
            type="submit"
            disabled={planning || !yaml}
            className="rounded-lg bg-slate-900 px-3 py-1.5 text-sm font-medium text-white disabled:opacity-60"
          >
            {planning ? "Checking…" : "Dry run"}
          </button>
          <button
            type="submit"
            formAction={runApply}
            disabled={applying || !plan.ok || planned !== yaml}
            className="rounded-lg bg-red-700 px-3 py-1.5 text-sm font-medium text-white disabled:opacity-60"
          >
            {applying ? "Applying…" : "Apply"}
          </button>
        </div>
      </form>
      {(result.ok || result.error) && (
        <pre
          role={result.error ? "alert" : "status"}
          className={`mt-4 overflow-auto rounded-lg p-3 text-xs whitespace-pre-wrap ${result.error ? "bg-red-50 text-red-800" : "bg-slate-100 text-slate-800"}`}
        >
          {result.error ?? result.ok}
        </pre>
      )}
    </div>
  );
}
