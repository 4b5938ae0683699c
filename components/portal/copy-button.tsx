"use client";

import { useEffect, useState } from "react";

/**
 * Copies `value` to the clipboard. "Copied" takes the place of the text without changing the
 * button's width (both are laid out in one grid cell), and a polite live region announces it.
 */
export function CopyButton({
  value,
  label,
  text = "Copy",
  className = "",
}: {
  value: string;
  label: string;
  text?: string;
  className?: string;
}) {
  const [state, setState] = useState<"idle" | "copied" | "failed">("idle");
  useEffect(() => {
    if (state === "idle") return;
    const timer = setTimeout(() => setState("idle"), 1500);
    return () => clearTimeout(timer);
  }, [state]);
  const shown = state === "copied" ? "Copied" : state === "failed" ? "Failed" : text;
  return (
    <>
      <button
        type="button"
        aria-label={label}
        onClick={() => {
          navigator.clipboard.writeText(value).then(
            () => setState("copied"),
            () => setState("failed"),
          );
        }}
        className={`rounded-md border border-slate-300 bg-white px-2 py-1 text-xs font-medium text-slate-700 hover:bg-slate-50 focus-visible:outline-2 focus-visible:outline-amber-500 ${className}`}
      >
        <span className="grid justify-items-center">
          {[text, "Copied", "Failed"].map((option) => (
            <span
              key={option}
              aria-hidden="true"
              className={`col-start-1 row-start-1 ${option === shown ? "" : "invisible"}`}
            >
              {option}
            </span>
          ))}
        </span>
      </button>
      <span role="status" aria-live="polite" className="sr-only">
        {state === "copied" ? "Copied" : state === "failed" ? "Copying failed: select the text and copy it" : ""}
      </span>
    </>
  );
}
