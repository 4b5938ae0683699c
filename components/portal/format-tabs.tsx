"use client";

import { useRef, type KeyboardEvent } from "react";

export type FormatTab = { id: string; label: string };

/**
 * The format picker: one row of tabs (ARIA tablist: arrow keys, Home and End move and select,
 * only the selected tab is in the Tab order) that scrolls sideways rather than wrapping, and a
 * select instead below the width where all of them fit.
 */
export function FormatTabs({
  tabs,
  selected,
  onSelect,
  idPrefix,
}: {
  tabs: FormatTab[];
  selected: string;
  onSelect: (id: string) => void;
  idPrefix: string;
}) {
  const refs = useRef(new Map<string, HTMLButtonElement>());

  function onKeyDown(event: KeyboardEvent<HTMLButtonElement>) {
    const index = tabs.findIndex((t) => t.id === selected);
    const next = {
      ArrowRight: (index + 1) % tabs.length,
      ArrowLeft: (index - 1 + tabs.length) % tabs.length,
      Home: 0,
      End: tabs.length - 1,
    }[event.key];
    if (next === undefined) return;
    event.preventDefault();
    onSelect(tabs[next].id);
    const tab = refs.current.get(tabs[next].id);
    tab?.focus();
    tab?.scrollIntoView({ block: "nearest", inline: "nearest" });
  }

  return (
    <>
      <label className="block lg:hidden">
        <span className="text-sm font-medium text-slate-700">Format</span>
        <select
          value={selected}
          onChange={(e) => onSelect(e.target.value)}
          className="mt-1 block w-full rounded-lg border border-slate-300 bg-white px-2 py-2"
        >
          {tabs.map((t) => (
            <option key={t.id} value={t.id}>
              {t.label}
            </option>
          ))}
        </select>
      </label>
      <div
        role="tablist"
        aria-label="Format"
        className="hidden flex-nowrap gap-1 overflow-x-auto border-b border-slate-200 whitespace-nowrap lg:flex"
      >
        {tabs.map((t) => (
          <button
            key={t.id}
            ref={(element) => {
              if (element) refs.current.set(t.id, element);
              else refs.current.delete(t.id);
            }}
            id={`${idPrefix}-tab-${t.id}`}
            role="tab"
            type="button"
            aria-selected={selected === t.id}
            aria-controls={`${idPrefix}-panel`}
            tabIndex={selected === t.id ? 0 : -1}
            onClick={() => onSelect(t.id)}
            onKeyDown={onKeyDown}
            className={`shrink-0 rounded-t-md px-2.5 py-1.5 text-sm focus-visible:outline-2 focus-visible:-outline-offset-2 focus-visible:outline-amber-500 ${selected === t.id ? "bg-slate-900 text-white" : "text-slate-700 hover:bg-slate-100"}`}
          >
            {t.label}
          </button>
        ))}
      </div>
    </>
  );
}
