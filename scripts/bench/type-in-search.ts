// Runs in the browser (passed to page.evaluate): only what the page has exists here, so no
// imports, and no named inner functions (the TypeScript runner would wrap them in its helpers).

/**
 * Types `text` into the home page's search one key at a time, at a fast typist's pace. For each
 * keystroke: ms from the input event to the commit of that query's list (React may defer it to a
 * later task), and to the next frame after that.
 */
export async function typeInSearch(text: string): Promise<[number, number][]> {
  const input = document.querySelector<HTMLInputElement>('input[type="search"]');
  const setValue = Object.getOwnPropertyDescriptor(HTMLInputElement.prototype, "value")?.set;
  if (!input || !setValue) throw new Error("the home page has no search box");
  const times: [number, number][] = [];
  for (let i = 1; i <= text.length; i += 1) {
    const query = text.slice(0, i);
    const selector = `section[data-query="${CSS.escape(query)}"]`;
    const t = performance.now();
    // The prototype's setter, so React sees a change, as with a real keystroke.
    setValue.call(input, query);
    input.dispatchEvent(new Event("input", { bubbles: true }));
    await new Promise<void>((resolve, reject) => {
      if (document.querySelector(selector)) return resolve();
      const timer = setTimeout(() => {
        observer.disconnect();
        reject(new Error(`no result for ${query}`));
      }, 5000);
      const observer = new MutationObserver(() => {
        if (!document.querySelector(selector)) return;
        observer.disconnect();
        clearTimeout(timer);
        resolve();
      });
      observer.observe(document.body, { subtree: true, childList: true, attributes: true });
    });
    const committed = performance.now() - t;
    await new Promise((resolve) => requestAnimationFrame(resolve));
    times.push([committed, performance.now() - t]);
    // Ten keys a second, so each keystroke starts on a settled page.
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  return times;
}

/**
 * Whether React has finished hydrating the home page: its effects, which run once the hydrated
 * tree is committed, give each role grid one tab stop (the server renders every control at -1).
 */
export function isHydrated(): boolean {
  return document.querySelector('[role="grid"] [tabindex="0"]') !== null;
}

/** Resolves once the page's main thread is idle (what hydration left to do is done). */
export function untilIdle(): Promise<void> {
  return new Promise((resolve) => requestIdleCallback(() => resolve(), { timeout: 5000 }));
}
