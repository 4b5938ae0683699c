"use client";

export type Confirmation = { title: string; description: string; confirmLabel: string };

/** The question before a destructive change; its confirm button submits the form it sits in. */
export function ConfirmDialog({ confirmation }: { confirmation: Confirmation }) {
  return (
    <dialog
      aria-label={confirmation.title}
      className="m-auto w-[min(28rem,calc(100vw-2rem))] rounded-xl border border-slate-200 p-5 text-left shadow-xl backdrop:bg-slate-900/40"
    >
      <h2 className="text-lg font-semibold">{confirmation.title}</h2>
      <p className="mt-2 text-sm text-slate-700">{confirmation.description}</p>
      <div className="mt-5 flex flex-wrap justify-end gap-2">
        <button
          type="button"
          autoFocus
          className="rounded-lg border border-slate-300 bg-white px-3 py-1.5 text-sm font-medium hover:bg-slate-50"
          onClick={(event) => event.currentTarget.closest("dialog")?.close()}
        >
          Cancel
        </button>
        <button
          type="submit"
          className="rounded-lg bg-red-700 px-3 py-1.5 text-sm font-medium text-white hover:bg-red-600"
        >
          {confirmation.confirmLabel}
        </button>
      </div>
    </dialog>
  );
}
