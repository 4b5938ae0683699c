"use client";

import { useEffect, useState } from "react";

/**
 * Copies a value. "Copied" takes the place of the text without changing the button's width (both
 * words share one grid cell; the hidden one keeps its size), and a polite live region announces it.
 */
export function CopyButton({
  value,
  label,
  text = "Copy",
  className = "",
  tabIndex,
}: {
  value: string;
  label: string;
  text?: string;
  className?: string;
  tabIndex?: number;
}) {
  const [copied, setCopied] = useState(false);
  const [failed, setFailed] = useState(false);
  useEffect(() => {
    if (!copied && !failed) return;
    const timer = setTimeout(() => {
      setCopied(false);
      setFailed(false);
    }, 1500);
    return () => clearTimeout(timer);
  }, [copied, failed]);
  return (
    <>
      <button
        type="button"
        aria-label={label}
        tabIndex={tabIndex}
        onClick={() => {
          navigator.clipboard.writeText(value).then(
            () => setCopied(true),
            () => setFailed(true),
          );
        }}
        className={`inline-grid rounded-md border border-slate-300 bg-white px-2 py-1 text-xs font-medium whitespace-nowrap text-slate-700 hover:bg-slate-50 focus-visible:outline-2 focus-visible:outline-amber-500 ${className}`}
      >
        <span className={`col-start-1 row-start-1 ${copied || failed ? "invisible" : ""}`}>{text}</span>
        <span aria-hidden="true" className={`col-start-1 row-start-1 text-center ${copied ? "" : "invisible"}`}>
          Copied
        </span>
        <span aria-hidden="true" className={`col-start-1 row-start-1 text-center ${failed ? "" : "invisible"}`}>
          Failed
        </span>
      </button>
      <span role="status" className="sr-only">
        {copied ? `Copied: ${label.replace(/^Copy /, "")}` : failed ? "Copying failed: your browser refused" : ""}
      </span>
    </>
  );
}
