"use client";

import { useEffect, type KeyboardEvent, type RefObject } from "react";

// Controls inside a grid render with tabIndex -1; one per grid gets 0 (the grid's single tab stop)
// and arrow keys move between them, as in the WAI-ARIA grid pattern. React never resets the 0:
// it writes tabIndex only when the prop changes, and the prop is always -1.
const CONTROLS = "a[href], button";

function rowsOf(grid: Element): HTMLElement[][] {
  return [...grid.querySelectorAll('[role="row"]')]
    .map((row) => [...row.querySelectorAll<HTMLElement>(CONTROLS)])
    .filter((controls) => controls.length > 0);
}

function moveFocus(from: HTMLElement, to: HTMLElement | undefined): void {
  if (!to || to === from) return;
  from.tabIndex = -1;
  to.tabIndex = 0;
  to.focus();
}

/** Arrow keys, Home and End between the controls of a grid's rows. */
export function onGridKeyDown(event: KeyboardEvent<HTMLElement>): void {
  const current = event.target as HTMLElement;
  const rows = rowsOf(event.currentTarget);
  const y = rows.findIndex((controls) => controls.includes(current));
  if (y < 0) return;
  const x = rows[y].indexOf(current);
  const at = (row: number, column: number) => rows[row]?.[Math.min(column, rows[row].length - 1)];
  const targets: Record<string, HTMLElement | undefined> = {
    ArrowRight: rows[y][x + 1],
    ArrowLeft: rows[y][x - 1],
    ArrowDown: at(y + 1, x),
    ArrowUp: at(y - 1, x),
    Home: event.ctrlKey ? rows[0]?.[0] : rows[y][0],
    End: event.ctrlKey ? rows.at(-1)?.at(-1) : rows[y].at(-1),
  };
  if (!(event.key in targets)) return;
  event.preventDefault();
  moveFocus(current, targets[event.key]);
}

/** A focused control becomes its grid's tab stop, however it got focus (a click, a search). */
export function onGridFocus(event: { target: EventTarget; currentTarget: HTMLElement }): void {
  const target = event.target as HTMLElement;
  if (!target.matches(CONTROLS)) return;
  for (const other of event.currentTarget.querySelectorAll<HTMLElement>('[tabindex="0"]'))
    if (other !== target) other.tabIndex = -1;
  target.tabIndex = 0;
}

/** After every render: each grid keeps exactly one tab stop, even when its stop was filtered away. */
export function useGridTabStops(container: RefObject<HTMLElement | null>): void {
  useEffect(() => {
    for (const grid of container.current?.querySelectorAll('[role="grid"]') ?? []) {
      if (grid.querySelector(`:is(${CONTROLS})[tabindex="0"]`)) continue;
      const first = grid.querySelector<HTMLElement>(CONTROLS);
      if (first) first.tabIndex = 0;
    }
  });
}
