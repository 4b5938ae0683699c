import type { ReactNode } from "react";

/**
 * A table's horizontal scroller on narrow screens, reachable from the keyboard (it is focusable and
 * named, so arrow keys scroll it and screen readers announce what it holds).
 */
export function ScrollArea({
  label,
  className = "",
  children,
}: {
  label: string;
  className?: string;
  children: ReactNode;
}) {
  return (
    <div
      role="region"
      aria-label={label}
      tabIndex={0}
      className={`overflow-x-auto rounded-xl focus-visible:outline-2 focus-visible:outline-amber-500 ${className}`}
    >
      {children}
    </div>
  );
}
