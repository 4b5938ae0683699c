import { callApi, type ApiContext } from "./api";
import { CliError } from "./errors";
import { openBrowser } from "./open-browser";

/**
 * Runs `action`; when Airlock first wants the person back at the IdP, opens the portal's page for
 * it in the browser, waits (bounded) until that is done, and runs `action` once more:
 * - 401 `groups_stale`: the groups are re-checked; done when the terminal session's groups are fresh;
 * - 401 `step_up_required`: the role needs a recent sign-in at the IdP; done when the session's IdP
 *   authentication time moves (a browser sign-in counts for the person's terminals).
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
    const isStale = error instanceof CliError && error.kind === "groups_stale";
    const isStepUp = error instanceof CliError && error.kind === "step_up_required";
    if (!(isStale || isStepUp) || !allowBrowser) throw error;
    // Before the browser opens: the authentication time a step-up must move past.
    const before = isStepUp ? await readIdpAuthenticatedAt(context) : undefined;
    const refreshUrl = `${context.url}${error.refreshPath ?? "/"}`;
    const why = isStepUp
      ? "This role needs a recent sign-in at your identity provider: sign in again in the browser."
      : "Airlock needs to re-check your groups with your identity provider.";
    process.stderr.write(`${why}\nOpening ${refreshUrl}\n`);
    await open(refreshUrl);
    const isDone = isStepUp
      ? async () => ((await readIdpAuthenticatedAt(context)) ?? "") > (before ?? "")
      : async () => (await readIdpAuthenticatedAt(context), true);
    await waitFor(isDone, { waitMs, pollMs, refreshUrl, kind: error.kind });
    return action();
  }
}

/** The terminal session's IdP authentication time (ISO 8601) as /api/entitlements reports it. */
async function readIdpAuthenticatedAt(context: ApiContext): Promise<string | undefined> {
  const body = await callApi<{ session?: { idpAuthenticatedAt?: string } }>(context, { path: "/api/entitlements" });
  return body?.session?.idpAuthenticatedAt;
}

async function waitFor(
  isDone: () => Promise<boolean>,
  { waitMs, pollMs, refreshUrl, kind }: { waitMs: number; pollMs: number; refreshUrl: string; kind: CliError["kind"] },
): Promise<void> {
  const deadline = Date.now() + waitMs;
  while (Date.now() < deadline) {
    await new Promise((resolve) => setTimeout(resolve, pollMs));
    try {
      if (await isDone()) return;
    } catch (error) {
      if (!(error instanceof CliError) || error.kind !== "groups_stale") throw error;
    }
  }
  const what = kind === "step_up_required" ? "You did not sign in again" : "Your groups were not re-checked";
  throw new CliError(
    kind,
    `${what} within ${Math.round(waitMs / 1000)} s: open ${refreshUrl} in the browser where you use Airlock, then run the command again.`,
    refreshUrl,
  );
}
