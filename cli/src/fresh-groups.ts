import { callApi, type ApiContext } from "./api";
import { CliError } from "./errors";
import { openBrowser } from "./open-browser";

/**
 * Runs `action`; when Airlock first wants the person's groups re-checked with the IdP (401
 * `groups_stale`), opens the portal's refresh page in the browser, waits (bounded) until the
 * terminal session's groups are fresh again, and runs `action` once more.
 */
export async function withFreshGroups<T>(
  context: ApiContext,
  {
    allowBrowser,
    waitMs = 120_000,
    pollMs = 2_000,
    open = openBrowser,
  }: { allowBrowser: boolean; waitMs?: number; pollMs?: number; open?: (url: string) => Promise<boolean> },
  action: () => Promise<T>,
): Promise<T> {
  try {
    return await action();
  } catch (error) {
    if (!(error instanceof CliError) || error.kind !== "groups_stale" || !allowBrowser) throw error;
    const refreshUrl = `${context.url}${error.refreshPath ?? "/"}`;
    process.stderr.write(`Airlock needs to re-check your groups with your identity provider.\nOpening ${refreshUrl}\n`);
    await open(refreshUrl);
    await waitForFreshGroups(context, { waitMs, pollMs, refreshUrl });
    return action();
  }
}

async function waitForFreshGroups(
  context: ApiContext,
  { waitMs, pollMs, refreshUrl }: { waitMs: number; pollMs: number; refreshUrl: string },
): Promise<void> {
  const deadline = Date.now() + waitMs;
  while (Date.now() < deadline) {
    await new Promise((resolve) => setTimeout(resolve, pollMs));
    try {
      await callApi(context, { path: "/api/entitlements" });
      return;
    } catch (error) {
      if (!(error instanceof CliError) || error.kind !== "groups_stale") throw error;
    }
  }
  throw new CliError(
    "groups_stale",
    `Your groups were not re-checked within ${Math.round(waitMs / 1000)} s: open ${refreshUrl} in the browser where you use Airlock, then run the command again.`,
    refreshUrl,
  );
}
