import type { ReactNode } from "react";

const labelColour = {
  neutral: "text-slate-600",
  warning: "text-amber-700",
  error: "text-red-700",
} as const;

/**
 * The body of a page that explains what went wrong (403, 404, 503, a link that cannot be used): a
 * small label with the status, the title, then what happened and the way on (`children`).
 */
export function ProblemPage({
  label,
  tone = "neutral",
  title,
  isAlert = false,
  children,
}: {
  label?: string;
  tone?: keyof typeof labelColour;
  title?: ReactNode;
  /** Announce the whole page to assistive technology as soon as it appears. */
  isAlert?: boolean;
  children: ReactNode;
}) {
  return (
    <main className="mx-auto max-w-2xl px-4 py-10" role={isAlert ? "alert" : undefined}>
      {label ? <p className={`text-sm font-semibold tracking-wide uppercase ${labelColour[tone]}`}>{label}</p> : null}
      {title ? <h1 className={`${label ? "mt-2 " : ""}text-2xl font-semibold`}>{title}</h1> : null}
      {children}
    </main>
  );
}
