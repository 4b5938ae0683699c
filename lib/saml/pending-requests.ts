import "server-only";
import { createHash } from "node:crypto";
import type { Db } from "@/lib/db/client";

/**
 * SAML requests Airlock sent and has not yet seen answered, each bound to the browser that
 * started it (by the hash of a random cookie value) and usable once.
 */

export const PENDING_REQUEST_SECONDS = 10 * 60;

export type PendingKind = "login" | "logout";

export const hashBrowserNonce = (nonce: string) => createHash("sha256").update(nonce).digest("hex");

export async function savePendingRequest({
  db,
  requestId,
  browserNonce,
  relayState,
  passive = false,
  kind = "login",
  now = new Date(),
}: {
  db: Db;
  requestId: string;
  browserNonce: string;
  relayState: string;
  /** An AuthnRequest (answered at the ACS) or a LogoutRequest (answered at the SLO endpoint). */
  kind?: PendingKind;
  /** Sent with IsPassive: a "no" from the IdP means "sign in interactively", not a failure. */
  passive?: boolean;
  now?: Date;
}): Promise<void> {
  await db.samlPendingRequest.create({
    data: {
      requestId,
      browserHash: hashBrowserNonce(browserNonce),
      relayState,
      passive,
      kind,
      expiresAt: new Date(now.getTime() + PENDING_REQUEST_SECONDS * 1000),
    },
  });
}

/** The pending request, consumed: unknown, expired, reused or another browser's yields null. */
export async function consumePendingRequest({
  db,
  requestId,
  browserNonce,
  kind = "login",
  now = new Date(),
}: {
  db: Db;
  requestId: string;
  browserNonce: string | undefined;
  kind?: PendingKind;
  now?: Date;
}): Promise<{ relayState: string | null; passive: boolean } | null> {
  if (!browserNonce) return null;
  const row = await db.samlPendingRequest.findUnique({ where: { requestId } });
  if (!row || row.kind !== kind || row.browserHash !== hashBrowserNonce(browserNonce)) return null;
  const { count } = await db.samlPendingRequest.deleteMany({ where: { requestId, browserHash: row.browserHash } });
  if (count !== 1 || row.expiresAt <= now) return null;
  return { relayState: row.relayState, passive: row.passive };
}
