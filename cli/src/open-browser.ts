import { spawn } from "node:child_process";

/** Whether the person asked for no browser (--no-browser or AIRLOCK_NO_BROWSER=1). */
export function isBrowserAllowed(options: Record<string, string | boolean>, env = process.env): boolean {
  return !options["no-browser"] && !["1", "true", "yes"].includes((env.AIRLOCK_NO_BROWSER ?? "").toLowerCase());
}

/**
 * Opens an http(s) URL in the default browser without a shell (the URL is one argument, never parsed).
 * Resolves whether a browser could be started; the caller prints the URL either way.
 */
export function openBrowser(url: string): Promise<boolean> {
  // Only web pages: a file path or another scheme from an answer would start some other program.
  if (!/^https?:\/\/[^\s]+$/i.test(url)) return Promise.resolve(false);
  const [command, args] =
    process.platform === "darwin"
      ? ["open", [url]]
      : process.platform === "win32"
        ? ["rundll32", ["url.dll,FileProtocolHandler", url]]
        : ["xdg-open", [url]];
  return new Promise((resolve) => {
    try {
      const child = spawn(command, args as string[], { stdio: "ignore", detached: true });
      child.once("error", () => resolve(false));
      child.once("spawn", () => {
        child.unref();
        resolve(true);
      });
    } catch {
      resolve(false);
    }
  });
}
