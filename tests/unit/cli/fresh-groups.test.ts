import { describe, expect, it, vi } from "vitest";
import type { Fetch } from "@/cli/src/api";
import { callApi } from "@/cli/src/api";
import { CliError } from "@/cli/src/errors";
import { withFreshGroups } from "@/cli/src/fresh-groups";

const url = "https://airlock.example.com";
const stale = () =>
  Response.json(
    {
      error: {
        code: "unauthenticated",
        message: "Re-check.",
        reason: "groups_stale",
        refreshUrl: "/signin/refresh?idp=oidc",
      },
    },
    { status: 401 },
  );

/** A portal whose groups become fresh after `staleFor` entitlement checks. */
function portal(staleFor: number) {
  let checks = 0;
  const fetch: Fetch = async (input) => {
    if (new URL(String(input)).pathname === "/api/entitlements")
      return ++checks > staleFor ? Response.json({ roles: [] }) : stale();
    return checks > staleFor ? Response.json({ ok: true }) : stale();
  };
  return { context: { url, token: "airlock_x", fetch }, checks: () => checks };
}

describe("groups due for a re-check (401 groups_stale)", () => {
  it("opens the portal's refresh page, waits until the groups are fresh, and carries on", async () => {
    vi.spyOn(process.stderr, "write").mockImplementation(() => true);
    const { context, checks } = portal(2);
    const open = vi.fn(async () => true);
    const result = await withFreshGroups(context, { allowBrowser: true, pollMs: 1, open }, () =>
      callApi<{ ok: boolean }>(context, { path: "/api/credentials" }),
    );
    expect(result).toEqual({ ok: true });
    expect(open).toHaveBeenCalledWith(`${url}/signin/refresh?idp=oidc`);
    expect(checks()).toBe(3);
    vi.restoreAllMocks();
  });

  it("without a browser, says which page to open (exit 5) and opens nothing", async () => {
    const { context } = portal(99);
    const open = vi.fn(async () => true);
    const failure = await withFreshGroups(context, { allowBrowser: false, open }, () =>
      callApi(context, { path: "/api/credentials" }),
    ).catch((e: unknown) => e);
    expect(failure).toBeInstanceOf(CliError);
    expect((failure as CliError).exitCode).toBe(5);
    expect((failure as CliError).message).toContain(`open ${url}/signin/refresh?idp=oidc in your browser`);
    expect(open).not.toHaveBeenCalled();
  });

  it("gives up after the bounded wait with what to do", async () => {
    vi.spyOn(process.stderr, "write").mockImplementation(() => true);
    const { context } = portal(99);
    await expect(
      withFreshGroups(context, { allowBrowser: true, waitMs: 20, pollMs: 5, open: async () => true }, () =>
        callApi(context, { path: "/api/credentials" }),
      ),
    ).rejects.toThrow(
      /were not re-checked within 0 s: open https:\/\/airlock\.example\.com\/signin\/refresh\?idp=oidc/,
    );
    vi.restoreAllMocks();
  });
});

describe("a role that needs a recent sign-in at the IdP (401 step_up_required)", () => {
  const stepUp = () =>
    Response.json(
      {
        error: {
          code: "step_up_required",
          message: "production / Admin needs a sign-in at your identity provider within the last 15 minutes.",
          reason: "step_up_required",
          refreshUrl: "/signin/refresh?idp=oidc&fresh=1",
        },
      },
      { status: 401 },
    );

  /** A portal where the person signs in again in the browser after `signInAfter` entitlement checks. */
  function portal(signInAfter: number) {
    let checks = 0;
    const signedInAgain = () => checks > signInAfter;
    const fetch: Fetch = async (input) => {
      if (new URL(String(input)).pathname === "/api/entitlements") {
        checks++;
        const at = signedInAgain() ? "2026-12-02T12:30:00.000Z" : "2026-12-02T12:00:00.000Z";
        return Response.json({ session: { idpAuthenticatedAt: at }, roles: [] });
      }
      return signedInAgain() ? Response.json({ ok: true }) : stepUp();
    };
    return { context: { url, token: "airlock_x", fetch }, checks: () => checks };
  }

  it("opens the forced sign-in, waits until the IdP authentication time moves, and carries on", async () => {
    const stderr = vi.spyOn(process.stderr, "write").mockImplementation(() => true);
    const { context, checks } = portal(3);
    const open = vi.fn(async () => true);
    const result = await withFreshGroups(context, { allowBrowser: true, pollMs: 1, open }, () =>
      callApi<{ ok: boolean }>(context, { path: "/api/credentials" }),
    );
    expect(result).toEqual({ ok: true });
    expect(open).toHaveBeenCalledWith(`${url}/signin/refresh?idp=oidc&fresh=1`);
    expect(checks()).toBe(4);
    expect(String(stderr.mock.calls[0][0])).toContain("needs a recent sign-in at your identity provider");
    vi.restoreAllMocks();
  });

  it("without a browser, says where to sign in again (exit 12) and opens nothing", async () => {
    const { context } = portal(99);
    const open = vi.fn(async () => true);
    const failure = await withFreshGroups(context, { allowBrowser: false, open }, () =>
      callApi(context, { path: "/api/credentials" }),
    ).catch((e: unknown) => e);
    expect((failure as CliError).exitCode).toBe(12);
    expect(open).not.toHaveBeenCalled();
  });

  it("gives up after the bounded wait with what to do", async () => {
    vi.spyOn(process.stderr, "write").mockImplementation(() => true);
    const { context } = portal(99);
    await expect(
      withFreshGroups(context, { allowBrowser: true, waitMs: 20, pollMs: 5, open: async () => true }, () =>
        callApi(context, { path: "/api/credentials" }),
      ),
    ).rejects.toThrow(/did not sign in again within 0 s: open https:\/\/airlock\.example\.com\/signin\/refresh/);
    vi.restoreAllMocks();
  });
});
