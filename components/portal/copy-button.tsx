"use client";

import { useState } from "react";

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
  const [copied, setCopied] = useState(false);
  return (
    <button
      type="button"
      aria-label={label}
      onClick={() => {
        void navigator.clipboard.writeText(value).then(() => {
          setCopied(true);
          setTimeout(() => setCopied(false), 1500);
        });
      }}
      className={`rounded-md border border-slate-300 bg-white px-2 py-1 text-xs font-medium text-slate-700 hover:bg-slate-50 focus-visible:outline-2 focus-visible:outline-amber-500 ${className}`}
    >
      {copied ? "Copied" : text}
    </button>
  );
}
