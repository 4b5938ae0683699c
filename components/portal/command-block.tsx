import { CopyButton } from "@/components/portal/copy-button";

/** A shell command to copy, with a label saying what it does. */
export function CommandBlock({ command, label }: { command: string; label: string }) {
  return (
    <div className="mt-2 flex items-start gap-2 rounded-lg bg-slate-900 px-3 py-2">
      <pre className="min-w-0 flex-1 overflow-x-auto font-mono text-sm text-slate-100">
        <code>{command}</code>
      </pre>
      <CopyButton value={command} label={label} />
    </div>
  );
}
